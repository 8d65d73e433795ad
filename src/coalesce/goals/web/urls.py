"""The goals pages, at /c/<slug>/goals/."""

from django.urls import path

from coalesce.goals.web import indicators, pages, tasks

app_name = "goals"

urlpatterns = [
    path("", pages.index, name="index"),
    path("values/", pages.value_add, name="value_add"),
    path("values/<int:value_id>/", pages.value_edit, name="value_edit"),
    path("values/<int:value_id>/move/", pages.value_move, name="value_move"),
    path("values/<int:value_id>/remove/", pages.value_remove, name="value_remove"),
    path("new/", pages.goal_add, name="goal_add"),
    path("<int:goal_id>/", pages.goal, name="goal"),
    path("<int:goal_id>/edit/", pages.goal_edit, name="goal_edit"),
    path("<int:goal_id>/indicators/", indicators.indicator_add, name="indicator_add"),
    path("indicators/<int:indicator_id>/periods/", indicators.period_add, name="period_add"),
    path("periods/<int:period_id>/updates/", indicators.update_draft, name="update_draft"),
    path("updates/<int:report_id>/submit/", indicators.update_submit, name="update_submit"),
    path("updates/<int:report_id>/decide/", indicators.update_decide, name="update_decide"),
    path("tasks/", tasks.tasks, name="tasks"),
    path("tasks/new/", tasks.task_add, name="task_add"),
    path("tasks/<int:task_id>/status/", tasks.task_status, name="task_status"),
    path("tasks/<int:task_id>/edit/", tasks.task_edit, name="task_edit"),
]
