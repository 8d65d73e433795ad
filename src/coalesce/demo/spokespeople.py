"""The demo coalition's spokespeople: a roster of mandates on its focus areas, in English,
French and Swahili, one organisation opted out for its safety, and a few requests
already answered — written through the services, as the steering committee would.
Names are the demo's own (``demo.coalition``)."""

from datetime import timedelta

from django.utils import timezone

from coalesce.coalitions.models import MembershipStatus
from coalesce.spokespeople import services

# organisation, topic, language, region ("" the whole coalition), days the mandate runs
MANDATES = [
    ("Women for Safe Neighbourhoods", "Policing and community safety", "en", "", 365),
    ("Association of Women in Policing", "Policing and community safety", "en", "", 180),
    ("Lakeside Legal Aid Centre", "Policing and community safety", "en", "", 365),
    ("Community Radio Network", "Policing and community safety", "sw", "", 365),
    ("Office of the Police Ombudsman", "Policing and community safety", "en", "Kenya", 120),
    ("Prison Watch Initiative", "Prisons", "en", "", 365),
    ("Muslim Women's Forum", "Policing and community safety", "fr", "", 365),
    ("Survivors of Police Abuse Support Group", "Policing and community safety", "en", "", 365),
]
# Pseudonymous and at risk if it speaks in public: it keeps its mandate but asks never to
# be proposed; nobody but itself and the steering committee can tell.
OPTED_OUT = "Survivors of Police Abuse Support Group"

# title, kind, topic, language, in how many days, answer ("accept", "decline" or "")
REQUESTS = [
    ("Joint statement on the police reform bill", "statement", "policing-and-community-safety",
     "en", 5, "accept"),
    ("Radio interview: community policing", "media", "policing-and-community-safety",
     "en", 8, "decline"),
    ("Panel at the National Security Dialogue", "event", "policing-and-community-safety",
     "en", 20, ""),
    ("Statement on prison conditions", "statement", "prisons", "en", 12, "accept"),
]  # fmt: skip


def load(actor) -> None:
    """``actor`` sits on the steering committee."""
    coalition = actor.coalition
    members = {
        m.real_name: m
        for m in coalition.memberships.filter(
            status=MembershipStatus.ACTIVE, organisation__isnull=False
        ).select_related("organisation")
    }
    today = timezone.localdate()
    for name, topic, language, region, days in MANDATES:
        services.grant_mandate(
            actor,
            membership_id=members[name].id,
            topic=topic,
            language=language,
            region=region,
            starts_on=today,
            expires_on=today + timedelta(days=days),
        )
    services.set_opt_out(actor, members[OPTED_OUT].id, opted_out=True)
    for title, kind, topic, language, days, answer in REQUESTS:
        request = services.request_voice(
            actor,
            title=title,
            kind=kind,
            topic=topic,
            language=language,
            needed_on=today + timedelta(days=days),
        )
        assignment = request.assignments.first()
        if assignment is not None and answer:
            services.answer_assignment(actor, assignment.id, accept=answer == "accept")
        if answer == "decline":
            services.answer_assignment(actor, request.assignments.last().id, accept=True)
