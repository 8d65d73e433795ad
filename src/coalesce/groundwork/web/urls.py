from django.urls import path

from coalesce.groundwork.web import register

app_name = "groundwork"

urlpatterns = [
    path("", register.index, name="index"),
    path("partners/", register.partner_add, name="partner_add"),
    path("partners/<int:partner_id>/status/", register.partner_status, name="partner_status"),
    path("partners/<int:partner_id>/invite/", register.partner_invite, name="partner_invite"),
    path("partners/<int:partner_id>/convert/", register.partner_convert, name="partner_convert"),
    path("challenges/", register.challenge_add, name="challenge_add"),
    path("challenges/<int:challenge_id>/", register.challenge_update, name="challenge_update"),
    path("challenges/<int:challenge_id>/goals/", register.challenge_goals, name="challenge_goals"),
]
