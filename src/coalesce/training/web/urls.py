from django.urls import path

from coalesce.training.live.web import facilitator, paper, results
from coalesce.training.web import plans, printouts

app_name = "training"

urlpatterns = (
    [
        path("modules/", plans.modules, name="modules"),
        path("modules/<slug:module_id>/", plans.module, name="module"),
        path("plans/", plans.plans, name="plans"),
        path("plans/new/", plans.plan_create, name="plan_create"),
        path("plans/<int:plan_id>/", plans.plan, name="plan"),
        path("plans/<int:plan_id>/edit/", plans.plan_edit, name="plan_edit"),
        path("plans/<int:plan_id>/override/", plans.plan_override, name="plan_override"),
        path("plans/<int:plan_id>/delete/", plans.plan_delete, name="plan_delete"),
        path("plans/<int:plan_id>/refit/", plans.plan_refit, name="plan_refit"),
    ]
    + printouts.urlpatterns
    + facilitator.urlpatterns
    + results.urlpatterns
    + paper.urlpatterns
)
