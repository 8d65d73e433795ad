"""The e-mails of an update, sent from the task queue (django-tasks) once it is posted."""

from django_tasks import task

from coalesce.core.links import absolute_url
from coalesce.updates import delivery


@task()
def send_update(update_id: int, site_url: str) -> int:
    """E-mail every recipient not yet e-mailed; returns how many were sent."""

    def link_for(slug, name, *args):
        return absolute_url(site_url, f"updates:{name}", slug, *args)

    return delivery.deliver_update(update_id, link_for=link_for)
