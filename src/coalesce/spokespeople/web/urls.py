"""The spokespeople pages, under /c/<slug>/spokespeople/."""

app_name = "spokespeople"

urlpatterns: list = []
