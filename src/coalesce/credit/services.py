"""Writes to a coalition's credit ledger: outputs, contributions, consent, the credit policy.

Each is keyword-only, validates its input (``core.validation``), checks ``credit.policy``,
runs in one transaction and leaves an audit record. Another app (``statements``) may
register what it publishes as an output with ``record_output`` and credit its drafters
with ``record_contribution``; see docs/credit.md.
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from coalesce.coalitions import policy as coalition_policy
from coalesce.coalitions.models import Membership, MembershipStatus
from coalesce.coalitions.services.audit import record_by
from coalesce.core.errors import Conflict, DomainError, NotFound
from coalesce.core.validation import clean_choice, clean_date, clean_text, clean_url
from coalesce.credit import policy
from coalesce.credit.limits import MAX_TITLE
from coalesce.credit.models import (
    Consent,
    Contribution,
    CreditPolicy,
    CreditRole,
    Degree,
    NameOrder,
    Output,
    OutputKind,
)


def _flag(value, field) -> bool:
    if not isinstance(value, bool):
        raise DomainError(_("Answer yes or no."), field)
    return value


def _pk(value, field) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError(_("Choose an entry."), field)
    return value


@transaction.atomic
def record_output(actor, *, title, kind, date, is_public=False, url="") -> Output:
    """A statement, event, campaign or report the coalition produced (``credit.record_output``)."""
    policy.require(actor, "credit.record_output")
    title = clean_text(title, "title", max_length=MAX_TITLE)
    kind = clean_choice(kind, OutputKind, "kind")
    date = clean_date(date, "date")
    if date is None:
        raise DomainError(_("This field is required."), "date")
    output = Output.objects.create(
        coalition=actor.coalition,
        title=title,
        kind=kind,
        date=date,
        is_public=_flag(is_public, "is_public"),
        url=clean_url(url, "url"),
        created_by=actor.user,
    )
    record_by(actor, "credit.record_output", output, fields=("title", "kind", "date"))
    return output


def _contributor(actor, membership_id) -> Membership:
    """An active member of the coalition the actor may see listed; anything else (not a
    member, another coalition's, ended, hidden from the actor) is the same 400."""
    found = None
    if not isinstance(membership_id, bool) and isinstance(membership_id, int):
        found = (
            Membership.objects.filter(
                coalition=actor.coalition, pk=membership_id, status=MembershipStatus.ACTIVE
            )
            .filter(coalition_policy.listed_memberships_filter(actor))
            .first()
        )
    if found is None:
        raise DomainError(
            _("Only an active member of this coalition can be credited: choose one from the list."),
            "membership_id",
        )
    return found


def _output(actor, output_id, *, lock=False) -> Output:
    rows = Output.objects.filter(coalition=actor.coalition)
    found = (rows.select_for_update() if lock else rows).filter(pk=_pk(output_id, "id")).first()
    if found is None:
        raise NotFound()
    return found


@transaction.atomic
def record_contribution(
    actor, output_id, *, membership_id, role, degree, consent=Consent.PUBLIC
) -> Contribution:
    """``membership_id``'s part in an output: a role, a degree (lead, equal, supporting)
    and how it wants credit (public, private, none). The steering committee and admins
    record anyone's; an active member its own (``credit.contribute``)."""
    policy.require(actor, "credit.contribute")
    role = clean_choice(role, CreditRole, "role")
    degree = clean_choice(degree, Degree, "degree")
    consent = clean_choice(consent, Consent, "consent")
    output = _output(actor, output_id, lock=True)
    membership = _contributor(actor, membership_id)
    policy.require(actor, "credit.contribute", membership)
    if output.contributions.filter(membership=membership, role=role).exists():
        raise Conflict(_("This member's part in this role is recorded already."), "role")
    try:
        with transaction.atomic():
            contribution = Contribution.objects.create(
                output=output, membership=membership, role=role, degree=degree, consent=consent
            )
    except IntegrityError as error:  # the same contribution, recorded at the same moment
        raise Conflict(_("This member's part in this role is recorded already."), "role") from error
    record_by(actor, "credit.contribute", contribution, fields=("role", "degree", "consent"))
    return contribution


@transaction.atomic
def set_consent(actor, contribution_id, *, consent) -> Contribution:
    """The member's own choice of credit for one contribution (``credit.consent``)."""
    consent = clean_choice(consent, Consent, "consent")
    contribution = (
        Contribution.objects.select_for_update()
        .select_related("membership")
        .filter(output__coalition=actor.coalition, pk=_pk(contribution_id, "id"))
        .first()
    )
    if contribution is None or not coalition_policy.is_listed(actor, contribution.membership):
        raise NotFound()
    policy.require(actor, "credit.consent", contribution.membership)
    contribution.consent = consent
    contribution.save(update_fields=["consent"])
    record_by(actor, "credit.consent", contribution, fields=("consent",))
    return contribution


@transaction.atomic
def set_credit_policy(actor, *, roles, name_order, count_unnamed, minimum_degree) -> CreditPolicy:
    """The charter's credit policy as rules (``credit.policy``, the steering committee)."""
    policy.require(actor, "credit.policy")
    if not isinstance(roles, list | tuple) or not roles:
        raise DomainError(_("Choose at least one role that earns credit."), "roles")
    roles = sorted({clean_choice(role, CreditRole, "roles") for role in roles})
    changes = {
        "roles": roles,
        "name_order": clean_choice(name_order, NameOrder, "name_order"),
        "count_unnamed": _flag(count_unnamed, "count_unnamed"),
        "minimum_degree": clean_choice(minimum_degree, Degree, "minimum_degree"),
        "updated_by": actor.user,
    }
    found, _created = CreditPolicy.objects.select_for_update().update_or_create(
        coalition=actor.coalition, defaults=changes
    )
    record_by(actor, "credit.policy", found, fields=("roles", "name_order", "count_unnamed"))
    return found
