"""The e-mail to a visitor who asked to join, sent from the task queue.

The page that asks for it answers as soon as the work is queued, so how long it takes
never depends on whether an account exists for the address.
"""

from urllib.parse import urljoin

from django.urls import reverse
from django_tasks import task

from coalesce.coalitions.invitations.delivery import deliver_join_request
from coalesce.coalitions.models import Coalition


def absolute_link(site_url: str, path: str) -> str:
    return urljoin(site_url, path)


@task()
def send_join_mail(coalition_id: int, email: str, site_url: str) -> None:
    coalition = Coalition.objects.filter(pk=coalition_id).first()
    if coalition is None:
        return  # deleted meanwhile: nobody to join
    deliver_join_request(
        coalition,
        email,
        link_for=lambda raw: absolute_link(site_url, reverse("accounts:invitation", args=[raw])),
        apply_url=absolute_link(site_url, reverse("coalitions:apply", args=[coalition.slug])),
    )
