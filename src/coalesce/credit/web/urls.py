"""The credit pages, under /c/<slug>/credit/."""

app_name = "credit"

urlpatterns: list = []
