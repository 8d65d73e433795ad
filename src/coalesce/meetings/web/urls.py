"""The meetings pages, at /c/<slug>/meetings/."""

app_name = "meetings"

urlpatterns = []
