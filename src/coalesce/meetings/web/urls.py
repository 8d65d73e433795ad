"""The meetings pages, at /c/<slug>/meetings/."""

from django.urls import path

from coalesce.meetings.web import views

app_name = "meetings"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("<int:meeting_id>/", views.meeting, name="meeting"),
    path("<int:meeting_id>/answer/", views.answer, name="answer"),
    path("<int:meeting_id>/schedule/", views.schedule, name="schedule"),
    path("<int:meeting_id>/cancel/", views.cancel, name="cancel"),
    path("<int:meeting_id>/meeting.ics", views.ics, name="ics"),
    path("venues/", views.venues, name="venues"),
    path("venues/new/", views.venue_add, name="venue_add"),
    path("venues/<int:venue_id>/remove/", views.venue_remove, name="venue_remove"),
    path("venues/mine/", views.marks, name="marks"),
    path("calendar/", views.calendar, name="calendar"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
