"""Addresses for work done without a request at hand (e-mails sent by the task worker):
a page's full address under the site's root as a request saw it and kept it."""

from urllib.parse import urljoin

from django.urls import reverse

# Where links point when no site address was kept (a command run by hand, a test).
LOCAL_SITE = "http://localhost/"


def absolute_url(site_url: str, name: str, *args) -> str:
    """The full address of the page ``name`` (its path arguments ``args``) under
    ``site_url``."""
    return urljoin(site_url or LOCAL_SITE, reverse(name, args=args))
