"""The updates pages, under /c/<slug>/updates/."""

from django.urls import path

from coalesce.updates.web import pages

app_name = "updates"

urlpatterns = [
    path("", pages.index, name="index"),
    path("new/", pages.new, name="new"),
    path("settings/", pages.settings_page, name="settings"),
    path("preference/", pages.preference, name="preference"),
    path("<int:update_id>/", pages.update, name="update"),
    path("<int:update_id>/read/", pages.read, name="read"),
    path("<int:update_id>/acknowledge/", pages.acknowledge, name="acknowledge"),
    path("<int:update_id>/reply/", pages.reply, name="reply"),
    path("acknowledge/<str:token>/", pages.link, name="link"),
]
