"""The health check pages, at /c/<slug>/health/."""

from django.urls import path

from coalesce.health.web import pages

app_name = "health"

urlpatterns = [
    path("", pages.index, name="index"),
    path("waves/", pages.wave_open, name="wave_open"),
    path("<int:wave_id>/", pages.wave, name="wave"),
    path("<int:wave_id>/answer/", pages.answer, name="answer"),
    path("<int:wave_id>/close/", pages.wave_close, name="wave_close"),
    path("<int:wave_id>/concerns/", pages.concern, name="concern"),
]
