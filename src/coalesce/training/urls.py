from django.urls import path

from coalesce.training import live_views, print_views, results_views, web

app_name = "training"

urlpatterns = (
    [
        path("modules/", web.modules, name="modules"),
        path("modules/<slug:module_id>/", web.module, name="module"),
        path("plans/", web.plans, name="plans"),
        path("plans/new/", web.plan_create, name="plan_create"),
        path("plans/<int:plan_id>/", web.plan, name="plan"),
        path("plans/<int:plan_id>/edit/", web.plan_edit, name="plan_edit"),
        path("plans/<int:plan_id>/override/", web.plan_override, name="plan_override"),
        path("plans/<int:plan_id>/delete/", web.plan_delete, name="plan_delete"),
        path("plans/<int:plan_id>/refit/", web.plan_refit, name="plan_refit"),
    ]
    + print_views.urlpatterns
    + live_views.urlpatterns
    + results_views.urlpatterns
)
