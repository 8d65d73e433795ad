"""The audit log names actors under the member directory's visibility rules: an admin
never learns from it who holds a protected membership; custodians see everyone."""

import pytest

from coalesce.accounts.models import User
from coalesce.coalitions import policy, services
from coalesce.coalitions.models import Person

HIDDEN_PERSON = "MARKER-AUDIT-ACTOR-61f0"


@pytest.fixture
def protected_actor(world):
    """Someone who speaks for the pseudonymous member reads its contacts (audited)."""
    membership = world.memberships["pseudonymous"]
    user = User.objects.create_user("hidden-rep@example.org", "x" * 12, display_name=HIDDEN_PERSON)
    Person.objects.create(
        coalition=world.coalition,
        organisation=membership.organisation,
        user=user,
        full_name=HIDDEN_PERSON,
    )
    services.read_contacts(policy.actor_for(user, world.coalition), membership)
    return user


def _log(world, role) -> str:
    response = world.client(role).get("/c/safer-streets/audit/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_admin_sees_the_alias_not_who_acted_for_a_pseudonymous_member(world, protected_actor):
    page = _log(world, "admin")
    assert HIDDEN_PERSON not in page and "hidden-rep@example.org" not in page
    assert "Friends of the Riverside" in page  # the alias, as the directory shows it


def test_the_custodian_sees_the_name(world, protected_actor):
    assert HIDDEN_PERSON in _log(world, "custodian")


def test_people_without_a_protected_membership_keep_their_names(world):
    services.read_contacts(
        policy.actor_for(world.users["member"], world.coalition), world.memberships["member"]
    )
    assert "Member User" in _log(world, "admin")


def test_steering_only_members_are_a_member_to_the_admin(world):
    membership = world.memberships["steering_only"]
    user = User.objects.create_user("steer-rep@example.org", "x" * 12, display_name="MARKER-S-REP")
    Person.objects.create(
        coalition=world.coalition, organisation=membership.organisation, user=user, full_name="R"
    )
    services.read_contacts(policy.actor_for(user, world.coalition), membership)
    page = _log(world, "admin")
    assert "MARKER-S-REP" not in page and "a member" in page
