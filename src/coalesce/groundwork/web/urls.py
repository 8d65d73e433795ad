from django.urls import path

from coalesce.groundwork.web import register as web

app_name = "groundwork"

urlpatterns = [
    path("", web.index, name="index"),
    path("partners/", web.partner_add, name="partner_add"),
    path("partners/<int:partner_id>/status/", web.partner_status, name="partner_status"),
    path("partners/<int:partner_id>/invite/", web.partner_invite, name="partner_invite"),
    path("partners/<int:partner_id>/convert/", web.partner_convert, name="partner_convert"),
    path("challenges/", web.challenge_add, name="challenge_add"),
    path("challenges/<int:challenge_id>/", web.challenge_update, name="challenge_update"),
]
