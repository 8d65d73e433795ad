"""The expertise pages, under /c/<slug>/expertise/."""

app_name = "expertise"

urlpatterns: list = []
