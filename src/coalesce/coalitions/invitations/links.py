"""Absolute addresses that go into e-mails, built from the request being answered."""

from django.urls import reverse


def invitation_link(request):
    """The ``link_for`` of the invitation services: an invitation's page for its token."""
    return lambda raw: request.build_absolute_uri(reverse("accounts:invitation", args=[raw]))
