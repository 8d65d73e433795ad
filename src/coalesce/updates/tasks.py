"""The e-mails of an update, sent from the task queue (django-tasks) once it is posted."""

from urllib.parse import urljoin

from django.urls import reverse
from django_tasks import task

from coalesce.updates import delivery


@task()
def send_update(update_id: int, site_url: str) -> int:
    """E-mail every recipient not yet e-mailed; returns how many were sent."""

    def link_for(slug, name, *args):
        return urljoin(
            site_url or "http://localhost/", reverse(f"updates:{name}", args=[slug, *args])
        )

    return delivery.deliver_update(update_id, link_for=link_for)
