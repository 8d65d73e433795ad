"""Updates in the standard world, for the matrices, leaks and budgets (and growers)."""

import itertools

from coalesce.accounts.models import hash_token
from coalesce.coalitions.policy import actor_for
from coalesce.updates import services
from coalesce.updates.models import Receipt

LINK_TOKEN = "matrix-acknowledgement-link-token"
COMMITTEE_MARKER = "MARKER-COMMITTEE-UPDATE-5a9e"
_serial = itertools.count(1)


def actor(world, role):
    return actor_for(world.users[role], world.coalition)


def post_updates(world) -> dict:
    to_all = services.post_update(
        actor(world, "steering"),
        title="Hearing on Thursday",
        body="Travel in pairs.",
        asks_acknowledgement=True,
    )
    Receipt.objects.filter(update=to_all, person__user=world.users["member"]).update(
        token_hash=hash_token(LINK_TOKEN)
    )
    to_committee = services.post_update(
        actor(world, "chair"),
        title="Press kit",
        body=f"Only for Outreach: {COMMITTEE_MARKER}",
        committee_id=world.committee.id,
    )
    return {
        "update_all": to_all.id,
        "update_committee": to_committee.id,
        "update_link": LINK_TOKEN,
    }


def add_updates(world, objects, n):
    """n more updates to the whole coalition, half of them read by the member."""
    steering = actor(world, "steering")
    member = actor(world, "member")
    for i in range(n):
        posted = services.post_update(
            steering, title=f"Grown update {next(_serial)}", body="News.", asks_acknowledgement=True
        )
        if i % 2:
            services.acknowledge(member, posted.id)


def add_replies(world, objects, n):
    """n more replies under the update to the whole coalition, by several members."""
    writers = [actor(world, role) for role in ("member", "chair", "steering")]
    for i in range(n):
        services.reply(writers[i % 3], objects["update_all"], body=f"Reply {next(_serial)}")


def add_readers(world, objects, n):
    """n more members who acknowledged the update to the whole coalition."""
    from tests.support import factories as f

    for _i in range(n):
        k = next(_serial)
        user = f.make_user(f"reader{k}@example.org", f"Reader {k}")
        f.make_member(world.coalition, user=user, name=f"Reader organisation {k}")
        services.acknowledge(actor_for(user, world.coalition), objects["update_all"])
