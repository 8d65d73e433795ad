"""The expertise pages, under /c/<slug>/expertise/."""

from django.urls import path

from coalesce.expertise.web import views

app_name = "expertise"

urlpatterns = [
    path("", views.index, name="index"),
    path("entries/", views.entry_add, name="entry_add"),
    path("entries/<int:entry_id>/remove/", views.entry_remove, name="entry_remove"),
    path("directory/", views.directory, name="directory"),
    path("requests/", views.requests, name="requests"),
    path("requests/new/", views.request_new, name="request_new"),
    path("requests/<int:request_id>/", views.help_request, name="request"),
    path("requests/<int:request_id>/respond/", views.respond, name="respond"),
    path("requests/<int:request_id>/close/", views.close, name="close"),
]
