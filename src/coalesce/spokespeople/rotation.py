"""The rotation read from the database: the turns taken so far, the mandates that match a
need, who opted out — handed to the pure ``rules`` to choose the next voice."""

from django.db.models import Count, Max
from django.utils import timezone

from coalesce.coalitions.models import MembershipStatus
from coalesce.spokespeople import rules
from coalesce.spokespeople.models import Assignment, Mandate, SafetyOptOut


def need_of(request) -> rules.Need:
    return rules.Need(request.topic, request.language, request.region, request.needed_on)


def facts(mandate) -> rules.MandateFacts:
    return rules.MandateFacts(
        id=mandate.id,
        org=mandate.membership_id,
        topic=mandate.topic,
        language=mandate.language,
        region=mandate.region,
        starts_on=mandate.starts_on,
        expires_on=mandate.expires_on,
        ended=mandate.ended_at is not None,
    )


def turns(coalition) -> dict[int, rules.Turns]:
    """Each organisation's turns in this coalition (one per assignment, whatever its
    answer), the last one's id as its ordinal: one aggregate query."""
    rows = (
        Assignment.objects.filter(request__coalition=coalition)
        .values("membership_id")
        .annotate(n=Count("id"), last=Max("id"))
    )
    return {row["membership_id"]: rules.Turns(row["n"], row["last"]) for row in rows}


def matching_mandates(coalition, need: rules.Need):
    """Mandates of active memberships that may speak for ``need`` on its day."""
    return Mandate.objects.filter(
        coalition=coalition,
        topic=need.topic,
        language=need.language,
        region=need.region,
        ended_at__isnull=True,
        starts_on__lte=need.on,
        expires_on__gte=need.on,
        membership__status=MembershipStatus.ACTIVE,
    )


def opted_out_ids(coalition) -> set[int]:
    return set(
        SafetyOptOut.objects.filter(coalition=coalition).values_list("membership_id", flat=True)
    )


def next_mandate(coalition, need: rules.Need, *, asked=()) -> Mandate | None:
    """The mandate of the organisation whose turn it is for ``need`` (None: nobody left).
    A need for a day already past has no voice: a mandate must still be valid today."""
    if need.on < timezone.localdate():
        return None
    mandates = {m.id: m for m in matching_mandates(coalition, need)}
    candidates = rules.eligible(
        (facts(m) for m in mandates.values()),
        need,
        opted_out=opted_out_ids(coalition),
        asked=asked,
    )
    org = rules.next_voice(candidates, turns(coalition))
    return None if org is None else mandates[candidates[org].id]
