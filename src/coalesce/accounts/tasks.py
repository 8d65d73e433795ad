"""E-mails to addresses a visitor typed, sent from the task queue.

The page that asks for one answers as soon as the work is queued, so how long it takes
never depends on whether an account exists for the address.
"""

from urllib.parse import urljoin

from django.contrib.auth.forms import PasswordResetForm
from django.urls import reverse
from django_tasks import task

PASSWORD_RESET_TEMPLATES = {
    "email_template_name": "accounts/email/password_reset.txt",
    "subject_template_name": "accounts/email/password_reset_subject.txt",
}


def absolute_link(site_url: str, path: str) -> str:
    return urljoin(site_url, path)


@task()
def send_join_mail(coalition_id: int, email: str, site_url: str) -> None:
    from coalesce.accounts.services import deliver_join_request
    from coalesce.coalitions.models import Coalition

    coalition = Coalition.objects.filter(pk=coalition_id).first()
    if coalition is None:
        return  # deleted meanwhile: nobody to join
    deliver_join_request(
        coalition,
        email,
        link_for=lambda raw: absolute_link(site_url, reverse("accounts:invitation", args=[raw])),
        apply_url=absolute_link(site_url, reverse("coalitions:apply", args=[coalition.slug])),
    )


@task()
def send_password_reset(email: str, domain: str, use_https: bool) -> None:
    """Django's reset e-mail, to the account with this address if there is one."""
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        form.save(domain_override=domain, use_https=use_https, **PASSWORD_RESET_TEMPLATES)
