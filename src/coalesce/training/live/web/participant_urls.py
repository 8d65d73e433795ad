"""Participants' pages of a live session, under /live/ (no account needed)."""

from coalesce.training.live.web import participant

app_name = "live"

urlpatterns = participant.urlpatterns
