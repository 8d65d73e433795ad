from django.urls import include, path

from coalesce.accounts.web import urls as account_urls
from coalesce.api import api
from coalesce.coalitions.invitations import urls as invitation_urls
from coalesce.coalitions.web import home
from coalesce.core import views
from coalesce.groundwork.web import carry
from coalesce.training.web import urls as training_urls

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
    # The training pages, with groundwork's "into a real coalition" among the session's
    # pages: training sits below groundwork and cannot import it.
    path(
        "training/",
        include((training_urls.urlpatterns + carry.training_urlpatterns, training_urls.app_name)),
    ),
    path("live/", include("coalesce.training.live.web.participant_urls")),
    path("c/<slug:slug>/audit/", include("coalesce.coalitions.web.audit_log")),
    path("c/<slug:slug>/people/", include(invitation_urls)),
    path("c/<slug:slug>/decisions/", include("coalesce.decisions.web.urls")),
    path("c/<slug:slug>/groundwork/", include("coalesce.groundwork.web.urls")),
    path("c/<slug:slug>/updates/", include("coalesce.updates.web.urls")),
    path("c/<slug:slug>/digest/", include("coalesce.digests.web.urls")),
    path("c/<slug:slug>/finance/", include("coalesce.finance.web.urls")),
    path("c/<slug:slug>/statements/", include("coalesce.statements.web.urls")),
    path("c/<slug:slug>/spokespeople/", include("coalesce.spokespeople.web.urls")),
    path("c/<slug:slug>/credit/", include("coalesce.credit.web.urls")),
    path("c/<slug:slug>/expertise/", include("coalesce.expertise.web.urls")),
    path("c/<slug:slug>/goals/", include("coalesce.goals.web.urls")),
    path("c/<slug:slug>/meetings/", include("coalesce.meetings.web.urls")),
    path("c/<slug:slug>/health/", include("coalesce.health.web.urls")),
    path("c/<slug:slug>/participation/", include("coalesce.participation.web.urls")),
    path("c/<slug:slug>/", include("coalesce.coalitions.web.urls")),
]
