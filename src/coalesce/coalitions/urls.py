from django.urls import path

from coalesce.coalitions import views

app_name = "coalitions"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("charter/", views.charter, name="charter"),
    path("members/", views.members, name="members"),
    path("committees/", views.committees, name="committees"),
    path("diversity/", views.diversity, name="diversity"),
]
