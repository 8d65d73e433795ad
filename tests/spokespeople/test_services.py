"""Mandates, opt-outs, requests and answers through the services."""

from datetime import timedelta

import pytest

from coalesce.audit.models import AuditEvent
from coalesce.core.errors import Conflict, DomainError, Forbidden, NotFound
from coalesce.spokespeople import selectors, services
from coalesce.spokespeople.models import Assignment, Mandate, SafetyOptOut, VoiceRequest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]


def voice(request):
    return request.assignments.exclude(status="declined").first()


def test_the_steering_committee_grants_a_mandate_and_it_is_audited(world, grant, today):
    mandate = grant("member", topic="Police Oversight", language="EN", region=" East  Africa ")
    assert (mandate.topic, mandate.language, mandate.region) == (
        "police-oversight",
        "en",
        "East Africa",
    )
    assert mandate.granted_by == world.users["steering"]
    assert AuditEvent.objects.filter(action="spokespeople.grant").count() == 1


@pytest.mark.parametrize(
    "change,field",
    [
        ({"language": "english!"}, "language"),
        ({"topic": "!!"}, "topic"),
        ({"expires_on": "2000-01-01"}, "expires_on"),
        ({"starts_on": "not a date"}, "starts_on"),
        ({"person_id": 10**6}, "person_id"),
    ],
)
def test_bad_input_is_refused_on_its_field_and_nothing_is_saved(world, grant, change, field):
    with pytest.raises(DomainError) as raised:
        grant("member", **change)
    assert raised.value.field == field
    assert not Mandate.objects.exists()


def test_only_the_steering_committee_grants(world, actor, today):
    for role in ["member", "admin", "chair"]:
        with pytest.raises(Forbidden):
            services.grant_mandate(
                actor(role),
                membership_id=world.memberships["member"].id,
                topic="policing",
                language="en",
                starts_on=today,
                expires_on=today,
            )


def test_a_request_proposes_the_one_with_fewest_turns(world, grant, ask):
    first, second = grant("member"), grant("chair")
    a = ask()
    assert voice(a).mandate == first  # never asked, lowest id
    b = ask()
    assert voice(b).mandate == second
    c = ask()
    assert voice(c).mandate == first


def test_declining_passes_the_voice_on_and_counts_as_a_turn(world, grant, ask, actor):
    grant("member")
    grant("chair")
    request = ask()
    services.answer_assignment(actor("member"), voice(request).id, accept=False)
    assert voice(request).membership == world.memberships["chair"]
    services.answer_assignment(actor("chair"), voice(request).id, accept=True)
    assert voice(request).status == "accepted"
    # both took a turn: the next request goes to the one asked longest ago
    assert voice(ask()).membership == world.memberships["member"]


def test_nobody_left_means_no_voice(world, grant, ask, actor):
    grant("member")
    request = ask()
    services.answer_assignment(actor("member"), voice(request).id, accept=False)
    assert voice(request) is None
    assert ask(topic="prisons").assignments.count() == 0


def test_an_opted_out_organisation_is_never_proposed_and_its_proposal_passes_on(
    world, grant, ask, actor
):
    grant("member")
    grant("chair")
    request = ask()
    assert voice(request).membership == world.memberships["member"]
    services.set_opt_out(actor("member"), world.memberships["member"].id, opted_out=True)
    # the waiting proposal is gone without a trace, the next organisation is asked
    assert list(request.assignments.values_list("membership", flat=True)) == [
        world.memberships["chair"].id
    ]
    for _ in range(3):
        assert voice(ask()).membership == world.memberships["chair"]
    services.set_opt_out(actor("member"), world.memberships["member"].id, opted_out=False)
    assert not SafetyOptOut.objects.exists()
    assert voice(ask()).membership == world.memberships["member"]


def test_only_the_member_itself_or_the_steering_committee_sets_the_opt_out(world, actor):
    target = world.memberships["member"].id
    with pytest.raises(Forbidden):
        services.set_opt_out(actor("chair"), target, opted_out=True)
    with pytest.raises(NotFound):  # not listed for members: not even confirmed
        services.set_opt_out(actor("member"), world.memberships["steering_only"].id, opted_out=True)
    services.set_opt_out(actor("steering"), target, opted_out=True)
    assert SafetyOptOut.objects.get().membership_id == target


def test_accepting_under_an_expired_mandate_is_refused_and_changes_nothing(
    world, grant, ask, actor, today
):
    mandate = grant("member")
    request = ask()
    assignment = voice(request)
    Mandate.objects.filter(pk=mandate.pk).update(expires_on=today - timedelta(days=1))
    events = AuditEvent.objects.count()
    with pytest.raises(Conflict) as raised:
        services.answer_assignment(actor("member"), assignment.id, accept=True)
    assert "expired" in raised.value.message
    assignment.refresh_from_db()
    assert assignment.status == "proposed" and AuditEvent.objects.count() == events


def test_assigning_an_expired_or_ended_mandate_is_refused(world, grant, ask, actor, today):
    mandate = grant("member")
    other = grant("chair")
    request = ask()
    before = list(Assignment.objects.values())
    Mandate.objects.filter(pk=mandate.pk).update(expires_on=today - timedelta(days=1))
    with pytest.raises(Conflict) as raised:
        services.assign_voice(actor("steering"), request.id, mandate_id=mandate.id)
    assert raised.value.field == "mandate_id" and "expired" in raised.value.message
    services.end_mandate(actor("steering"), other.id)
    with pytest.raises(Conflict):
        services.assign_voice(actor("steering"), request.id, mandate_id=other.id)
    assert list(Assignment.objects.values()) != []  # the rotation's proposal stands
    assert Assignment.objects.filter(mandate=mandate).count() == len(
        [a for a in before if a["mandate_id"] == mandate.id]
    )


def test_the_steering_committee_assigns_by_hand(world, grant, ask, actor):
    grant("member")
    chosen = grant("chair")
    request = ask()
    assignment = services.assign_voice(actor("steering"), request.id, mandate_id=chosen.id)
    assert [a.membership_id for a in request.assignments.all()] == [chosen.membership_id]
    services.answer_assignment(actor("chair"), assignment.id, accept=True)
    with pytest.raises(Conflict):
        services.assign_voice(actor("steering"), request.id, mandate_id=chosen.id)
    with pytest.raises(DomainError):
        services.assign_voice(
            actor("steering"), ask(topic="prisons").id, mandate_id=grant("member").id
        )


def test_renewing_and_ending(world, grant, actor, today):
    mandate = grant("member")
    services.renew_mandate(actor("steering"), mandate.id, expires_on=today + timedelta(days=400))
    mandate.refresh_from_db()
    assert mandate.expires_on == today + timedelta(days=400)
    with pytest.raises(DomainError):
        services.renew_mandate(actor("steering"), mandate.id, expires_on="2001-01-01")
    services.end_mandate(actor("steering"), mandate.id)
    with pytest.raises(Conflict):
        services.end_mandate(actor("steering"), mandate.id)
    with pytest.raises(Conflict):
        services.renew_mandate(actor("steering"), mandate.id, expires_on=today)


def test_answering_someone_elses_assignment_is_a_404(world, grant, ask, actor):
    grant("member")
    assignment = voice(ask())
    with pytest.raises(NotFound):
        services.answer_assignment(actor("chair"), assignment.id, accept=True)
    services.answer_assignment(actor("steering"), assignment.id, accept=True)  # for it
    with pytest.raises(Conflict):  # answered already
        services.answer_assignment(actor("member"), assignment.id, accept=False)


def test_a_request_for_a_past_day_is_refused(ask, today):
    with pytest.raises(DomainError) as raised:
        ask(needed_on=today - timedelta(days=1))
    assert raised.value.field == "needed_on" and not VoiceRequest.objects.exists()


def test_propose_voice_asks_nobody(world, grant, actor, today):
    grant("member")
    proposal = selectors.propose_voice(
        actor("steering"), topic="policing", language="en", region="", on=today
    )
    assert proposal.mandate.membership == world.memberships["member"]
    assert proposal.member.name == "Open Hands Network"
    assert not Assignment.objects.exists()
    assert (
        selectors.propose_voice(actor("steering"), topic="other", language="en", on=today) is None
    )
    with pytest.raises(Forbidden):
        selectors.propose_voice(actor("member"), topic="policing", language="en", on=today)
