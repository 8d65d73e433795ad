"""The demo coalition's expertise to share: what several members offer and need, and one
open request for help that reaches a member offering that help, who has answered it —
written through the services, like members would. Everything is invented."""

from coalesce.accounts.models import User
from coalesce.coalitions.models import Coalition, Membership
from coalesce.coalitions.policy import actor_for
from coalesce.demo.logins import LOGINS
from coalesce.expertise import services

# login role → (side, kind, topic, language, text)
ENTRIES = {
    "member": [
        (
            "offer",
            "service",
            "legal_aid",
            "sw",
            "Free legal advice for women held at police stations",
        ),
        ("offer", "language", "translation", "sw", "Swahili–English interpretation at hearings"),
        ("need", "service", "media", "", "Coverage of our court-watch findings"),
    ],
    "chair": [
        (
            "offer",
            "experience",
            "gender_training",
            "en",
            "Five years of gender training for police recruits and station commanders",
        ),
        ("need", "skill", "research", "", "Help analysing our survey of women officers"),
    ],
    "steering": [
        ("offer", "skill", "convening", "", "Hosting community safety forums in three counties"),
        ("need", "service", "funding_advice", "", "Advice on a first institutional grant"),
    ],
    "admin": [
        ("offer", "skill", "research", "en", "Surveys, data analysis and policy briefs"),
        ("offer", "experience", "funding_advice", "", "Writing grant proposals with members"),
    ],
}
# The pseudonymous member's offer, listed for it by the steering committee.
PSEUDONYMOUS_ALIAS = "Riverside Support Circle"
PSEUDONYMOUS_OFFER = (
    "offer",
    "experience",
    "digital_safety",
    "",
    "Keeping survivors' records and phones safe",
)


def load(coalition: Coalition) -> None:
    """Offers, needs and a request in the demo coalition (its members exist)."""
    actors = {
        role: actor_for(User.objects.get(email=LOGINS[role][0]), coalition) for role in ENTRIES
    }
    for role, entries in ENTRIES.items():
        for side, kind, topic, language, text in entries:
            services.add_entry(
                actors[role], side=side, kind=kind, topic=topic, language=language, text=text
            )
    side, kind, topic, language, text = PSEUDONYMOUS_OFFER
    services.add_entry(
        actors["steering"],
        side=side,
        kind=kind,
        topic=topic,
        language=language,
        text=text,
        membership_id=Membership.objects.get(coalition=coalition, alias=PSEUDONYMOUS_ALIAS).id,
    )
    asked = services.post_request(
        actors["steering"],
        topic="gender_training",
        language="en",
        text=(
            "The county police commander has asked us to run a gender session for station "
            "officers next month. We have never trained the police: who could design and "
            "co-facilitate it with us?"
        ),
    )
    services.respond(
        actors["chair"],
        asked.id,
        message="We have run this session many times and can co-facilitate; let us plan it.",
    )
