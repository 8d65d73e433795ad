"""Recording outputs and contributions, consent and the credit policy: the rules, the
errors for bad input (nothing changed), and what the acknowledgement line says."""

import pytest

from coalesce.audit.models import AuditEvent
from coalesce.coalitions.models import MembershipStatus
from coalesce.core.errors import Conflict, DomainError, Forbidden, NotFound
from coalesce.credit import selectors, services
from coalesce.credit.models import Contribution, CreditPolicy, Output
from tests.credit.helpers import actor, contribute, output
from tests.support import factories as f

pytestmark = pytest.mark.django_db


def test_steering_records_an_output_and_contributions_and_the_public_line_follows(world):
    found = output(world)
    contribute(world, found, "steering", degree="lead")
    contribute(world, found, "member", role="research", degree="equal")
    contribute(world, found, "pseudonymous", role="translation")
    contribute(world, found, "steering_only", role="outreach", consent="private")
    line = selectors.public_line(found)
    # Justice Watch is public; the others may not be named to the public: counted.
    assert line.names == ("Justice Watch",)
    assert line.unnamed_organisations == 3
    assert line.text == ("With contributions from Justice Watch and three member organisations.")
    assert AuditEvent.objects.filter(action="credit.contribute").count() == 4


def test_a_member_sees_the_alias_and_names_it_may_see(world):
    found = output(world, public=False)
    contribute(world, found, "member", degree="equal")
    contribute(world, found, "pseudonymous", degree="lead")
    line = selectors.acknowledgement_line(actor(world, "chair"), found)
    assert line.names == ("Friends of the Riverside", "Open Hands Network")  # lead first
    assert world.markers["pseudonymous_name"] not in line.text


def test_crediting_someone_who_is_not_a_member_is_refused_and_changes_nothing(world):
    found = output(world)
    outsider = f.make_member(world.other_coalition, name="Elsewhere Two")
    ended = f.make_member(world.coalition, name="Gone Org", status=MembershipStatus.ENDED)
    before = Contribution.objects.count(), AuditEvent.objects.count()
    for membership_id in [outsider.pk, ended.pk, 999_999, "3", None]:
        with pytest.raises(DomainError) as error:
            services.record_contribution(
                actor(world, "steering"),
                found.pk,
                membership_id=membership_id,
                role="drafting",
                degree="lead",
            )
        assert error.value.status == 400
        assert error.value.field == "membership_id"
        assert "active member" in error.value.message
    assert (Contribution.objects.count(), AuditEvent.objects.count()) == before


def test_an_admin_cannot_credit_a_member_it_may_not_see(world):
    found = output(world)
    with pytest.raises(DomainError) as error:
        services.record_contribution(
            actor(world, "admin"),
            found.pk,
            membership_id=world.memberships["steering_only"].pk,
            role="drafting",
            degree="lead",
        )
    assert error.value.field == "membership_id"  # the same answer as for a non-member


def test_a_member_records_its_own_part_but_not_another_members(world):
    found = output(world)
    services.record_contribution(
        actor(world, "member"),
        found.pk,
        membership_id=world.memberships["member"].pk,
        role="research",
        degree="supporting",
        consent="private",
    )
    with pytest.raises(Forbidden):
        services.record_contribution(
            actor(world, "member"),
            found.pk,
            membership_id=world.memberships["chair"].pk,
            role="research",
            degree="lead",
        )
    with pytest.raises(Forbidden):  # outputs: only the steering committee and admins
        services.record_output(actor(world, "member"), title="X", kind="event", date="2026-01-01")


def test_bad_choices_and_duplicates_are_refused(world):
    found = output(world)
    contribute(world, found, "member")
    with pytest.raises(Conflict):
        contribute(world, found, "member")
    for field, values in [("role", {"role": "cooking"}), ("degree", {"degree": "most"})]:
        with pytest.raises(DomainError) as error:
            contribute(world, found, "chair", **values)
        assert error.value.field == field
    with pytest.raises(DomainError) as error:
        services.record_output(actor(world, "steering"), title=" ", kind="event", date="2026-1-1")
    assert error.value.field == "title"
    with pytest.raises(DomainError) as error:
        services.record_output(actor(world, "steering"), title="T", kind="event", date="soon")
    assert error.value.field == "date"
    with pytest.raises(NotFound):
        services.record_contribution(
            actor(world, "steering"),
            987654,
            membership_id=world.memberships["member"].pk,
            role="drafting",
            degree="lead",
        )
    assert Output.objects.count() == 1


def test_the_member_chooses_its_credit_and_nobody_else_does(world):
    found = output(world)
    mine = contribute(world, found, "member")
    services.set_consent(actor(world, "member"), mine.pk, consent="private")
    mine.refresh_from_db()
    assert mine.consent == "private"
    assert selectors.public_line(found).names == ()
    with pytest.raises(Forbidden):
        services.set_consent(actor(world, "steering"), mine.pk, consent="public")
    with pytest.raises(DomainError):
        services.set_consent(actor(world, "member"), mine.pk, consent="loud")
    hidden = contribute(world, found, "steering_only")
    with pytest.raises(NotFound):  # the chair may not see the member listed
        services.set_consent(actor(world, "chair"), hidden.pk, consent="none")
    services.set_consent(actor(world, "custodian"), hidden.pk, consent="none")


def test_the_credit_policy_changes_the_line(world):
    found = output(world)
    contribute(world, found, "steering", role="funding", degree="supporting")
    contribute(world, found, "chair", role="drafting", degree="lead")
    assert selectors.acknowledgement_line(actor(world, "steering"), found).names == (
        "Women Police Association",
        "Justice Watch",
    )
    services.set_credit_policy(
        actor(world, "steering"),
        roles=["drafting"],
        name_order="alphabetical",
        count_unnamed=False,
        minimum_degree="lead",
    )
    assert CreditPolicy.objects.get().roles == ["drafting"]
    assert selectors.acknowledgement_line(actor(world, "steering"), found).names == (
        "Women Police Association",
    )
    for bad in [{"roles": []}, {"roles": ["cooking"]}, {"count_unnamed": "yes"}]:
        kwargs = {
            "roles": ["drafting"],
            "name_order": "alphabetical",
            "count_unnamed": True,
            "minimum_degree": "lead",
            **bad,
        }
        with pytest.raises(DomainError):
            services.set_credit_policy(actor(world, "steering"), **kwargs)
    with pytest.raises(Forbidden):
        services.set_credit_policy(
            actor(world, "admin"),
            roles=["drafting"],
            name_order="alphabetical",
            count_unnamed=True,
            minimum_degree="lead",
        )
    assert CreditPolicy.objects.get().count_unnamed is False


def test_the_charter_shows_the_credit_policy(world):
    response = world.client("member").get(f"/c/{world.coalition.slug}/charter/")
    body = response.content.decode()
    assert "Credit policy in force" in body
    assert "By degree, then alphabetically" in body
