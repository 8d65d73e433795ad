"""Eligibility requirements and applications to join."""

from dataclasses import dataclass

from django.db.models import Count, Exists, Subquery
from django.urls import reverse

from coalesce.accounts.models import Invitation
from coalesce.coalitions import policy
from coalesce.coalitions.awaiting import waiting_rows
from coalesce.coalitions.models import (
    Application,
    ApplicationStatus,
    Coalition,
    EligibilityRequirement,
)
from coalesce.core.errors import NotFound


def active_requirements(actor):
    return EligibilityRequirement.objects.filter(coalition=actor.coalition, is_active=True)


def pending_applications(actor):
    return Application.objects.filter(
        coalition=actor.coalition, status=ApplicationStatus.PENDING
    ).order_by("created_at")


def applications_to_review(actor):
    """The coalition, with how many applications wait, for one who decides them (none
    waiting: no row): the dashboard's "what needs you"."""
    if not policy.allows(actor, "applications.list"):
        return None
    pending = pending_applications(actor).order_by()
    count = pending.values("coalition").annotate(n=Count("pk")).values("n")
    found = Coalition.objects.filter(pk=actor.coalition.id).filter(Exists(pending))
    return waiting_rows(found, "applications", order=("pk",), title=None, count=Subquery(count))


def applications_url(actor, pk) -> str:
    return reverse("coalitions:applications", args=[actor.coalition.slug])


def application(actor, application_id) -> Application:
    """One application of this coalition (the caller checks ``application.view``)."""
    found = (
        Application.objects.filter(coalition=actor.coalition, pk=application_id)
        .select_related("membership__organisation", "membership__person")
        .prefetch_related("answers__requirement", "focus_areas")
        .first()
    )
    if found is None:
        raise NotFound()
    return found


@dataclass(frozen=True)
class Answer:
    requirement_id: int
    requirement: str
    answer: str


@dataclass(frozen=True)
class ApplicationView:
    """What one person may read of an application — the page and the API both show
    this, so neither can show what the other masks. When the applicant became a
    protected member the actor may not identify, everything that could identify them
    is empty and ``name`` is the membership's alias."""

    id: int
    kind: str
    kind_label: str
    status: str
    status_label: str
    created_at: object
    decided_at: object
    reason: str
    name: str
    identity_shown: bool
    person_name: str = ""
    organisation_name: str = ""
    actor_type: str = ""
    actor_type_label: str = ""
    country: str = ""
    country_name: str = ""
    website: str = ""
    statement: str = ""
    requested_visibility: str = ""
    requested_visibility_label: str = ""
    alias: str = ""
    focus_areas: tuple = ()
    answers: tuple = ()
    membership_id: int | None = None


def application_view(actor, found: Application) -> ApplicationView:
    """An application (read with ``application``) as ``actor`` may read it; checks
    ``application.view``."""
    policy.require(actor, "application.view", found)
    base = {
        "id": found.id,
        "kind": found.kind,
        "kind_label": found.get_kind_display(),
        "status": found.status,
        "status_label": found.get_status_display(),
        "created_at": found.created_at,
        "decided_at": found.decided_at,
        "reason": found.reason,
        "name": policy.application_name(actor, found),
        "identity_shown": policy.sees_application_identity(actor, found),
    }
    if not base["identity_shown"]:
        return ApplicationView(**base)
    answers = sorted(found.answers.all(), key=lambda a: (a.requirement.position, a.requirement_id))
    return ApplicationView(
        **base,
        person_name=found.person_name,
        organisation_name=found.organisation_name,
        actor_type=found.actor_type,
        actor_type_label=found.get_actor_type_display() if found.actor_type else "",
        country=found.country.code if found.country else "",
        country_name=found.country.name if found.country else "",
        website=found.website,
        statement=found.statement,
        requested_visibility=found.requested_visibility,
        requested_visibility_label=found.get_requested_visibility_display(),
        alias=found.alias,
        focus_areas=tuple(a.name for a in found.focus_areas.all()),
        answers=tuple(Answer(a.requirement_id, a.requirement.text, a.answer) for a in answers),
        membership_id=found.membership_id,
    )


def decided_applications(actor, limit=20) -> list[Application]:
    """The most recently decided or withdrawn applications (the caller checks the policy)."""
    return list(
        Application.objects.filter(coalition=actor.coalition)
        .exclude(status=ApplicationStatus.PENDING)
        .select_related("membership__organisation", "membership__person")
        .order_by("-decided_at", "-created_at")[:limit]
    )


def own_pending_application(actor) -> Application | None:
    if actor.user is None:
        return None
    return Application.objects.filter(
        coalition=actor.coalition, applicant=actor.user, status=ApplicationStatus.PENDING
    ).first()


def application_prefill(actor) -> dict:
    """Initial values of the actor's application: their name as they gave it when signing
    up, and what the invitation they accepted carries (a prospective partner's details)."""
    invitation = accepted_invitation(actor.coalition, actor.user)
    return {"person_name": actor.user.display_name, **(invitation.prefill if invitation else {})}


def accepted_invitation(coalition, user):
    """The newest invitation to ``coalition`` that ``user`` accepted, or None."""
    if user is None:
        return None
    return (
        Invitation.objects.filter(coalition=coalition, accepted_by=user)
        .order_by("-accepted_at", "-id")
        .first()
    )
