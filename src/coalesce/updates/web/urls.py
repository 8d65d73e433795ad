"""The updates pages, under /c/<slug>/updates/."""

app_name = "updates"

urlpatterns: list = []
