from django.urls import include, path

from coalesce.api import api
from coalesce.coalitions.web import home
from coalesce.core import views

urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots, name="robots"),
    path("coalitions/new/", home.create_coalition, name="coalition_create"),
    path("accounts/", include("coalesce.accounts.urls")),
    path("api/", api.urls),
    path("training/", include("coalesce.training.urls")),
    path("live/", include("coalesce.training.participant_urls")),
    path("c/<slug:slug>/audit/", include("coalesce.audit.urls")),
    path("c/<slug:slug>/people/", include("coalesce.accounts.coalition_urls")),
    path("c/<slug:slug>/decisions/", include("coalesce.decisions.web.urls")),
    path("c/<slug:slug>/groundwork/", include("coalesce.groundwork.urls")),
    path("c/<slug:slug>/", include("coalesce.coalitions.urls")),
]
