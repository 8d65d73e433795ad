"""The finance pages, under /c/<slug>/finance/."""

app_name = "finance"

urlpatterns: list = []
