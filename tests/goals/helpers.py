"""Goals in the standard world, made through the services."""

from coalesce.coalitions.policy import actor_for


def actor(world, role):
    return actor_for(world.users[role], world.coalition)


def goal_with_indicators(world):
    """A goal of the Outreach committee: a number indicator (target 10 meetings) and a
    percentage one (target 3/4), each with one period."""
    from coalesce.goals import services

    steering = actor(world, "steering")
    goal = services.create_goal(
        steering,
        title="Police oversight body set up",
        horizon="long",
        description="**Civilian** oversight",
        committee_id=world.committee.pk,
    )
    meetings = services.add_indicator(
        steering, goal.pk, name="Meetings with MPs", kind="number", unit="meetings held"
    )
    share = services.add_indicator(
        steering, goal.pk, name="Districts with a forum", kind="percentage", weight=2
    )
    p1 = services.add_period(
        steering, meetings.pk, starts_on="2026-01-01", ends_on="2026-06-30", target_value="10"
    )
    p2 = services.add_period(
        steering,
        share.pk,
        starts_on="2026-01-01",
        ends_on="2026-12-31",
        target_numerator="3",
        target_denominator="4",
    )
    return goal, meetings, share, p1, p2


def approved(world, period, author="member", approver="steering", **measure):
    from coalesce.goals import services

    update = services.draft_update(actor(world, author), period.pk, **measure)
    services.submit_update(actor(world, author), update.pk)
    return services.decide_update(actor(world, approver), update.pk, approve=True)
