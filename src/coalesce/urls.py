from django.urls import include, path

from coalesce.accounts.web import urls as account_urls
from coalesce.api import api
from coalesce.coalitions.invitations import urls as invitation_urls
from coalesce.coalitions.web import home
from coalesce.core import views

urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots, name="robots"),
    path("coalitions/new/", home.create_coalition, name="coalition_create"),
    path(
        "accounts/",
        include((account_urls.urlpatterns + invitation_urls.account_urlpatterns, "accounts")),
    ),
    path("api/", api.urls),
    path("training/", include("coalesce.training.urls")),
    path("live/", include("coalesce.training.participant_urls")),
    path("c/<slug:slug>/audit/", include("coalesce.coalitions.web.audit_log")),
    path("c/<slug:slug>/people/", include(invitation_urls)),
    path("c/<slug:slug>/decisions/", include("coalesce.decisions.urls")),
    path("c/<slug:slug>/groundwork/", include("coalesce.groundwork.urls")),
    path("c/<slug:slug>/", include("coalesce.coalitions.web.urls")),
]
