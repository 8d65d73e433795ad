"""The charter's policies and the coalition's focus areas."""

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from coalesce.coalitions import policy
from coalesce.coalitions.models import (
    CharterPolicy,
    FocusArea,
    PolicyKind,
    PolicyStatus,
)
from coalesce.core.errors import Conflict, DomainError
from coalesce.core.validation import (
    clean_choice,
    clean_date,
    clean_text,
)


@transaction.atomic
def update_policy(actor, *, kind, status, text="", agreed_on=None):
    policy.require(actor, "charter.edit")
    kind = clean_choice(kind, PolicyKind, "kind")
    status = clean_choice(status, PolicyStatus, "status")
    text = clean_text(text, "text", max_length=20000, required=status != PolicyStatus.MISSING)
    agreed_on = clean_date(agreed_on, "agreed_on")
    if status == PolicyStatus.AGREED and agreed_on is None:
        raise DomainError(_("Give the date the policy was agreed."), "agreed_on")
    if status != PolicyStatus.AGREED:
        agreed_on = None
    if agreed_on and agreed_on > timezone.localdate():
        raise DomainError(_("The date agreed cannot be in the future."), "agreed_on")
    item = CharterPolicy.objects.select_for_update().get(coalition=actor.coalition, kind=kind)
    item.status, item.text, item.agreed_on, item.updated_by = status, text, agreed_on, actor.user
    item.save()
    return item


def focus_areas_by_name(coalition, names, field="focus_areas") -> list[FocusArea]:
    """Resolve focus-area names (case-insensitive) of this coalition; unknown ones are an error."""
    wanted = [clean_text(n, field, max_length=80) for n in names or []]
    if len(wanted) > 30:
        raise DomainError(_("Choose at most 30 focus areas."), field)
    known = {
        area.name.lower(): area
        for area in FocusArea.objects.filter(coalition=coalition).annotate(lname=Lower("name"))
    }
    unknown = [n for n in wanted if n.lower() not in known]
    if unknown:
        raise DomainError(
            _("Unknown focus area: %(names)s.") % {"names": ", ".join(unknown[:5])}, field
        )
    return [known[n.lower()] for n in wanted]


@transaction.atomic
def add_focus_area(actor, *, name):
    policy.require(actor, "charter.edit")
    name = clean_text(name, "name", max_length=80)
    if FocusArea.objects.filter(coalition=actor.coalition, name__iexact=name).exists():
        raise Conflict(_("This focus area already exists."), "name")
    return FocusArea.objects.create(coalition=actor.coalition, name=name)
