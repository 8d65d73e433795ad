"""The front door, as the demo loader walks through it: accounts made as ``coalesce
createadmin`` makes them, invitations and requests to join whose links the loader
follows itself, and e-mail dropped while it does."""

from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth.password_validation import validate_password

from coalesce.accounts.models import User
from coalesce.coalitions import policy
from coalesce.coalitions.invitations import services as invitations
from coalesce.coalitions.invitations.delivery import deliver_join_request
from coalesce.coalitions.policy import actor_for
from coalesce.demo.logins import DEMO_PASSWORD

INVITATION_LINK = "/accounts/invitation/{}/"


@contextmanager
def mail_dropped():
    """Send the services' e-mails nowhere while the demo loads (they would otherwise
    land in the data folder's mail directory, one per invitation and request)."""
    previous = settings.EMAIL_BACKEND
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    try:
        yield
    finally:
        settings.EMAIL_BACKEND = previous


def first_account(email: str, name: str) -> User:
    """An account made before any invitation, as ``coalesce createadmin`` makes it."""
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user
    validate_password(DEMO_PASSWORD, User(email=email, display_name=name))
    return User.objects.create_user(email, DEMO_PASSWORD, display_name=name)


def _token_catcher():
    tokens = []

    def link_for(raw):
        tokens.append(raw)
        return INVITATION_LINK.format(raw)

    return tokens, link_for


def invite(actor, email, *, membership=None) -> str:
    """Invite ``email`` (to represent ``membership`` if given); the link's raw token."""
    tokens, link_for = _token_catcher()
    invitations.invite(actor, email, link_for=link_for, membership=membership)
    return tokens[-1]


def ask_to_join(coalition, email) -> str:
    """A visitor asks to join the open coalition; the confirmation link's raw token."""
    tokens, link_for = _token_catcher()
    policy.require(actor_for(None, coalition), "coalition.join")
    # What the task queue does for a visitor's request (the demo needs the link's token).
    deliver_join_request(
        coalition, email, link_for=link_for, apply_url=f"/c/{coalition.slug}/apply/"
    )
    return tokens[-1]


def take_up(raw: str, name: str) -> User:
    """Follow a link: sign up with it, or, with an account already, accept it."""
    invitation = invitations.find_invitation(raw)
    user = User.objects.filter(email__iexact=invitation.email).first()
    if user is not None:
        invitations.accept_invitation(user, invitation)
        return user
    return invitations.sign_up_with_invitation(
        invitation, display_name=name, password=DEMO_PASSWORD
    )
