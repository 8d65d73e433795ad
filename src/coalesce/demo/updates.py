"""The demo coalition's updates: one from the steering committee to everyone, asking for
acknowledgement, one from a committee chair to their committee; a member reads and
acknowledges the first and replies. Everything through ``updates.services``."""

from coalesce.accounts.models import User
from coalesce.coalitions.models import Coalition
from coalesce.coalitions.policy import actor_for
from coalesce.demo.logins import LOGINS
from coalesce.updates import services

TO_EVERYONE = (
    "Security protocol for the budget hearing",
    "The parliamentary committee hears the police budget on Thursday.\n\n"
    "- Travel in pairs and share your route with your committee secretary.\n"
    "- Do not post photos of other members.\n"
    "- The steering committee speaks for the coalition; refer journalists to it.\n\n"
    "Please acknowledge that you have read this protocol.",
)
TO_COMMITTEE = (
    "Draft press kit for review",
    "The draft press kit is in the shared folder. Comments by Friday, please; "
    "we publish nothing until the steering committee has approved it.",
)


def load(coalition: Coalition) -> None:
    actors = {
        role: actor_for(User.objects.get(email=LOGINS[role][0]), coalition)
        for role in ("steering", "chair", "member")
    }
    title, body = TO_EVERYONE
    protocol = services.post_update(
        actors["steering"], title=title, body=body, asks_acknowledgement=True
    )
    chair = actors["chair"]
    if chair.chaired_committee_ids:
        title, body = TO_COMMITTEE
        services.post_update(
            chair, title=title, body=body, committee_id=min(chair.chaired_committee_ids)
        )
    member = actors["member"]
    services.acknowledge(member, protocol.id)
    services.reply(member, protocol.id, body="Read. Could we have the route-sharing contact?")
