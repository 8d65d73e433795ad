"""What the goals services share: finding a coalition's rows, reading choices and ids."""

from django.utils.translation import gettext as _

from coalesce.coalitions.models import Committee, Membership, MembershipStatus
from coalesce.core.errors import DomainError, NotFound
from coalesce.core.validation import clean_id


def one(model, actor, pk, *, lock=False, path="coalition", related=()):
    """The row ``pk`` of ``model`` in the actor's coalition (``path`` leads to it), or 404."""
    rows = model.objects.filter(**{path: actor.coalition}).select_related(*related)
    if lock:
        rows = rows.select_for_update(of=("self",))
    if isinstance(pk, bool) or not isinstance(pk, int):
        raise NotFound()
    found = rows.filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def committee_of(actor, committee_id, *, required: bool, field="committee_id"):
    """A committee of the actor's coalition; another coalition's (or none) is a 400."""
    if committee_id in (None, ""):
        if required:
            raise DomainError(_("Choose the committee that owns this."), field)
        return None
    found = Committee.objects.filter(
        coalition=actor.coalition, pk=clean_id(committee_id, field)
    ).first()
    if found is None:
        raise DomainError(_("Choose a committee of this coalition."), field)
    return found


def own_membership(actor):
    """The actor's active membership (None for staff without one): who an update is by."""
    return Membership.objects.filter(
        id__in=actor.own_membership_ids, status=MembershipStatus.ACTIVE
    ).first()


def changed(found, changes: dict) -> list[str]:
    """Apply the given (not None) ``changes``; the names of the fields set."""
    fields = [name for name, value in changes.items() if value is not None]
    for name in fields:
        setattr(found, name, changes[name])
    return fields
