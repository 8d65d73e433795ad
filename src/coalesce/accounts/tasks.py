"""E-mails to addresses a visitor typed, sent from the task queue.

The page that asks for one answers as soon as the work is queued, so how long it takes
never depends on whether an account exists for the address.
"""

from django.contrib.auth.forms import PasswordResetForm
from django_tasks import task

PASSWORD_RESET_TEMPLATES = {
    "email_template_name": "accounts/email/password_reset.txt",
    "subject_template_name": "accounts/email/password_reset_subject.txt",
}


@task()
def send_password_reset(email: str, domain: str, use_https: bool) -> None:
    """Django's reset e-mail, to the account with this address if there is one."""
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        form.save(domain_override=domain, use_https=use_https, **PASSWORD_RESET_TEMPLATES)
