"""The demo coalition's values, goals and tasks, written through the services like the
steering committee and a committee member would: three values, a short-term and a
long-term goal, a number and a percentage indicator with their periods, one approved
and one pending update (drafted by the member's committee, approved by the founder),
three tasks of two committees, and a challenge of the register linked to a goal."""

from coalesce.accounts.models import User
from coalesce.coalitions.models import Committee, CommitteeKind
from coalesce.coalitions.policy import actor_for
from coalesce.demo.logins import LOGINS
from coalesce.goals import services
from coalesce.groundwork import services as groundwork

VALUES = [
    "Safety for everyone, including the people who report abuse.",
    "Non-violence in everything we do.",
    "We speak with evidence, not rumour.",
]

LONG_TERM = "An independent police oversight body in law"
SHORT_TERM = "Community safety forums in every district of the county"


def load(founder) -> None:
    coalition = founder.coalition
    member = actor_for(User.objects.get(email=LOGINS["member"][0]), coalition)
    committee = (
        Committee.objects.filter(pk__in=member.committee_ids)
        .exclude(kind=CommitteeKind.STEERING)
        .order_by("pk")
        .first()
    )
    steering = Committee.objects.get(coalition=coalition, kind=CommitteeKind.STEERING)
    for text in VALUES:
        services.add_value(founder, text=text)
    law = services.create_goal(
        founder,
        title=LONG_TERM,
        horizon="long",
        committee_id=steering.pk,
        description="A body **outside the police** that receives complaints, investigates "
        "them and reports to parliament.",
    )
    forums = services.create_goal(
        founder,
        title=SHORT_TERM,
        horizon="short",
        committee_id=committee.pk,
        description="Forums where residents, police and local leaders meet every quarter.",
    )
    _indicators(founder, member, forums)
    services.create_task(
        founder,
        committee=steering,
        title="Brief the justice committee of parliament",
        goal=law,
        due_on="2026-03-15",
    )
    services.create_task(
        founder,
        committee=committee,
        title="Find venues for three district forums",
        goal=forums,
        due_on="2026-05-01",
    )
    services.create_task(
        founder,
        committee=committee,
        title="Print the forum invitation leaflet",
        due_on="2026-06-30",
        origin_label="Committee meeting of 12 January",
    )
    challenge = coalition.challenges.order_by("pk").first()
    if challenge is not None:
        groundwork.link_goal(founder, challenge.pk, goal_id=law.pk)


def _indicators(founder, member, forums) -> None:
    meetings = services.add_indicator(
        founder,
        forums.pk,
        name="Forum meetings held",
        kind="number",
        unit="meetings held",
        baseline_value="0",
    )
    first = services.add_period(
        founder, meetings.pk, starts_on="2026-01-01", ends_on="2026-06-30", target_value="6"
    )
    services.add_period(
        founder, meetings.pk, starts_on="2026-07-01", ends_on="2026-12-31", target_value="12"
    )
    districts = services.add_indicator(
        founder, forums.pk, name="Districts with a forum", kind="percentage", weight=2
    )
    year = services.add_period(
        founder,
        districts.pk,
        starts_on="2026-01-01",
        ends_on="2026-12-31",
        target_numerator="8",
        target_denominator="8",
    )
    done = services.draft_update(member, first.pk, value="4", note="Four forums met by June.")
    services.submit_update(member, done.pk)
    services.decide_update(founder, done.pk, approve=True, note="Minutes seen.")
    waiting = services.draft_update(
        member, year.pk, numerator="3", denominator="8", note="Three of eight districts so far."
    )
    services.submit_update(member, waiting.pk)
