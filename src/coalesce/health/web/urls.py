"""The health check pages, at /c/<slug>/health/."""

app_name = "health"

urlpatterns = []
