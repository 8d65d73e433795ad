"""Participants' pages of a live session, under /live/ (no account needed)."""

from coalesce.training import participant_views

app_name = "live"

urlpatterns = participant_views.urlpatterns
