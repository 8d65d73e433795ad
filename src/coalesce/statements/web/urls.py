"""The statements pages, under /c/<slug>/statements/."""

app_name = "statements"

urlpatterns: list = []
