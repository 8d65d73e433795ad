"""Outputs and contributions in the standard world, made through the services."""

from datetime import date

from coalesce.coalitions.policy import actor_for


def actor(world, role):
    return actor_for(world.users[role], world.coalition)


def output(world, title="Joint statement on police oversight", *, public=True, kind="statement"):
    from coalesce.credit import services

    return services.record_output(
        actor(world, "steering"),
        title=title,
        kind=kind,
        date=date(2026, 3, 1),
        is_public=public,
    )


def contribute(world, found, key, role="drafting", degree="lead", consent="public"):
    from coalesce.credit import services

    return services.record_contribution(
        actor(world, "steering"),
        found.pk,
        membership_id=world.memberships[key].pk,
        role=role,
        degree=degree,
        consent=consent,
    )
