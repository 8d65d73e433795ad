"""The participation pages, at /c/<slug>/participation/."""

from django.urls import path

from coalesce.participation.web import views

app_name = "participation"

urlpatterns = [
    path("", views.index, name="index"),
    path("expectations/", views.expectations, name="expectations"),
    path("mine/", views.mine, name="mine"),
    path("members/<int:membership_id>/", views.member, name="member"),
    path("members/<int:membership_id>/reviews/", views.review, name="review"),
]
