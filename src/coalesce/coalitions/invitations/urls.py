"""The pages of a coalition's doors. ``urlpatterns`` go under /c/<slug>/people/
(namespace ``coalition_accounts``); ``account_urlpatterns`` join the account pages under
/accounts/ (namespace ``accounts``), where the invitation link has always been."""

from django.urls import path

from coalesce.coalitions.invitations import web

app_name = "coalition_accounts"

urlpatterns = [
    path("join/", web.join, name="join"),
    path("invite/", web.invite, name="invite"),
    path("invitations/<int:invitation_id>/revoke/", web.revoke, name="revoke_invitation"),
]

account_urlpatterns = [
    path("invitation/<str:token>/", web.invitation_view, name="invitation"),
]
