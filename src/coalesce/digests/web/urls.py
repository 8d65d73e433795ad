"""The digest page, at /c/<slug>/digest/."""

from django.urls import path

from coalesce.digests.web import pages

app_name = "digests"

urlpatterns = [path("", pages.digest_page, name="page")]
