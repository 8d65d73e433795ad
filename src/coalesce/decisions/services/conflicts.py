"""The conflict register: raising an issue, and its owner, mediator, status and outcome."""

from django.db import transaction
from django.utils.translation import gettext as _

from coalesce.coalitions.models import Person
from coalesce.coalitions.services.rows import of_coalition
from coalesce.core.errors import NotFound
from coalesce.core.validation import clean_choice, clean_text
from coalesce.decisions import policy
from coalesce.decisions.models import Conflict, ConflictStatus


@transaction.atomic
def raise_conflict(actor, *, title, description, anonymous=False):
    policy.require(actor, "conflicts.create")
    return Conflict.objects.create(
        coalition=actor.coalition,
        title=clean_text(title, "title", max_length=200),
        description=clean_text(description, "description", max_length=10000),
        raised_by=None if anonymous else actor.user,
    )


@transaction.atomic
def update_conflict(
    actor, conflict_id, *, status=None, outcome=None, owner_email=None, mediator=None
):
    """Change what is given (None keeps a field); ``owner_email=""`` removes the owner."""
    conflict = of_coalition(Conflict.objects, actor, conflict_id, lock=True)
    policy.require(actor, "conflict.update", conflict)
    if owner_email is not None or mediator is not None:
        policy.require(actor, "conflict.assign", conflict)
    if status is not None:
        conflict.status = clean_choice(status, ConflictStatus, "status")
    if outcome is not None:
        conflict.outcome = clean_text(outcome, "outcome", max_length=10000, required=False)
    if mediator is not None:
        conflict.mediator = clean_text(mediator, "mediator", max_length=200, required=False)
    if owner_email is not None:
        conflict.owner = _member_user(actor, owner_email) if owner_email else None
    conflict.save()
    return conflict


def _member_user(actor, email):
    person = (
        Person.objects.filter(coalition=actor.coalition, user__email__iexact=email.strip())
        .select_related("user")
        .first()
    )
    if person is None:
        raise NotFound(_("No one in this coalition has that e-mail address."), "owner_email")
    return person.user
