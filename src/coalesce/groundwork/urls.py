app_name = "groundwork"

urlpatterns = []
