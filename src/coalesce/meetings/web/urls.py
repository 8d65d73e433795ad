"""The meetings pages, at /c/<slug>/meetings/."""

from django.urls import path

from coalesce.meetings.web import minutes, views

app_name = "meetings"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("<int:meeting_id>/", views.meeting, name="meeting"),
    path("<int:meeting_id>/answer/", views.answer, name="answer"),
    path("<int:meeting_id>/schedule/", views.schedule, name="schedule"),
    path("<int:meeting_id>/cancel/", views.cancel, name="cancel"),
    path("<int:meeting_id>/meeting.ics", views.ics, name="ics"),
    path("<int:meeting_id>/plan/", views.plan, name="plan"),
    path("<int:meeting_id>/agenda/", minutes.agenda_add, name="agenda_add"),
    path("<int:meeting_id>/agenda/first/", minutes.agenda_template, name="agenda_template"),
    path(
        "<int:meeting_id>/agenda/<int:item_id>/remove/",
        minutes.agenda_remove,
        name="agenda_remove",
    ),
    path("<int:meeting_id>/minutes/", minutes.minute_add, name="minute_add"),
    path(
        "<int:meeting_id>/minutes/<int:item_id>/remove/",
        minutes.minute_remove,
        name="minute_remove",
    ),
    path("<int:meeting_id>/minutes/close/", minutes.minutes_close, name="minutes_close"),
    path("<int:meeting_id>/attendance/", minutes.attendance_record, name="attendance"),
    path("venues/", views.venues, name="venues"),
    path("venues/new/", views.venue_add, name="venue_add"),
    path("venues/<int:venue_id>/remove/", views.venue_remove, name="venue_remove"),
    path("venues/mine/", views.marks, name="marks"),
    path("calendar/", views.calendar, name="calendar"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
