"""The spokespeople pages, under /c/<slug>/spokespeople/."""

from django.urls import path

from coalesce.spokespeople.web import roster, voices

app_name = "spokespeople"

urlpatterns = [
    path("", roster.index, name="roster"),
    path("mandates/", roster.grant, name="grant"),
    path("mandates/<int:mandate_id>/renew/", roster.renew, name="renew"),
    path("mandates/<int:mandate_id>/end/", roster.end, name="end"),
    path("safety/<int:membership_id>/", roster.opt_out, name="opt_out"),
    path("requests/", voices.index, name="requests"),
    path("requests/new/", voices.create, name="request_create"),
    path("requests/<int:request_id>/", voices.detail, name="request"),
    path("requests/<int:request_id>/assign/", voices.assign, name="assign"),
    path("assignments/<int:assignment_id>/answer/", voices.answer, name="answer"),
]
