"""The goals pages, at /c/<slug>/goals/."""

app_name = "goals"

urlpatterns = []
