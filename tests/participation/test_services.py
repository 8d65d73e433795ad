"""What a member's part counts, the list of who has not taken part, the expectations
and conduct reviews — through the selectors and services the pages and API use."""

import pytest

from coalesce.audit.models import AuditEvent
from coalesce.core.errors import DomainError, Forbidden, NotFound
from coalesce.participation import selectors, services
from coalesce.participation.models import ConductReview, Expectations


def _row(listing, membership):
    return next(r for r in listing.rows if r.member.id == membership.id)


def test_the_member_record_counts_each_column(world, actor, scene):
    view = selectors.member(actor("steering"), world.memberships["member"].id)
    counts = view.part.counts
    # the secret ballot is not counted on somebody else's view of the member
    assert (counts.votes_taken, counts.votes_eligible) == (1, 1)
    assert (counts.meetings_attended, counts.meetings_invited) == (1, 1)
    assert (counts.tasks_done, counts.contributions, view.part.seats) == (1, 1, 1)
    assert not view.part.took_no_part
    month_total = sum(m.counts.votes_eligible for m in view.months)
    assert month_total == counts.votes_eligible


def test_the_member_itself_sees_its_secret_ballot_counted(world, actor, scene):
    own = selectors.member(actor("member"), world.memberships["member"].id).part.counts
    assert (own.votes_taken, own.votes_eligible) == (2, 2)


def test_the_list_agrees_with_the_member_record(world, actor, scene):
    steering = actor("steering")
    listing = selectors.listing(steering)
    for key in ("member", "chair", "pseudonymous", "steering_only"):
        row = _row(listing, world.memberships[key])
        record = selectors.member(steering, world.memberships[key].id).part
        assert row.counts == record.counts and row.seats == record.seats, key


def test_not_taken_part_keeps_those_with_nothing_or_below(world, actor, scene):
    steering = actor("steering")
    chair = _row(selectors.listing(steering), world.memberships["chair"])
    assert chair.took_no_part and chair.counts.votes_eligible == 1
    kept = {r.member.id for r in selectors.listing(steering, not_taken_part=True).rows}
    assert world.memberships["chair"].id in kept
    assert world.memberships["member"].id not in kept
    services.set_expectations(steering, min_vote_share=100, min_attendance_share=0, period_months=6)
    below = _row(selectors.listing(steering), world.memberships["pseudonymous"])
    assert below.votes.standing == "met"  # voted in the open ballot
    services.set_expectations(steering, min_vote_share=0, min_attendance_share=100, period_months=6)
    steering_row = _row(
        selectors.listing(steering, not_taken_part=True), world.memberships["steering"]
    )
    assert steering_row.meetings.standing == "below"  # invited, did not attend


def test_a_period_without_the_part_counts_nothing(world, actor, scene):
    view = selectors.member(
        actor("steering"), world.memberships["member"].id, start="2020-01-01", end="2020-03-31"
    )
    assert view.part.took_no_part and len(view.months) == 3


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        ("2026-05-01", "2026-04-01", "end"),
        ("2020-01-01", "2026-01-01", "start"),
        ("x", "", "start"),
    ],
)
def test_a_bad_period_is_refused(world, actor, start, end, field):
    with pytest.raises(DomainError) as error:
        selectors.listing(actor("steering"), start=start, end=end)
    assert error.value.field == field


def test_who_sees_a_record(world, actor):
    m = world.memberships
    assert selectors.member(actor("member"), m["member"].id)
    with pytest.raises(Forbidden):
        selectors.member(actor("member"), m["chair"].id)
    with pytest.raises(NotFound):  # not listed for a member: not found
        selectors.member(actor("member"), m["steering_only"].id)
    with pytest.raises(NotFound):  # nor for an admin
        selectors.member(actor("admin"), m["steering_only"].id)
    assert selectors.member(actor("steering"), m["steering_only"].id)
    with pytest.raises(Forbidden):
        selectors.listing(actor("chair"))


def test_the_list_holds_only_members_the_viewer_may_list_named_as_it_may(world, actor):
    hidden, pseudonymous = world.memberships["steering_only"], world.memberships["pseudonymous"]
    admin_rows = {r.member.id: r.member for r in selectors.listing(actor("admin")).rows}
    assert hidden.id not in admin_rows
    assert admin_rows[pseudonymous.id].name == "Friends of the Riverside"
    steering_rows = {r.member.id: r.member for r in selectors.listing(actor("steering")).rows}
    assert steering_rows[hidden.id].name == world.markers["steering_only_name"]
    assert steering_rows[pseudonymous.id].is_alias


def test_expectations_are_the_steering_committees_and_checked(world, actor):
    with pytest.raises(Forbidden):
        services.set_expectations(
            actor("admin"), min_vote_share=50, min_attendance_share=50, period_months=6
        )
    with pytest.raises(DomainError) as error:
        services.set_expectations(
            actor("steering"), min_vote_share=101, min_attendance_share=50, period_months=6
        )
    assert error.value.field == "min_vote_share"
    assert not Expectations.objects.exists()
    services.set_expectations(
        actor("steering"), min_vote_share=50, min_attendance_share=60, period_months=3
    )
    found = selectors.expectations(world.coalition)
    assert (found.min_vote_share, found.min_attendance_share, found.period_months) == (50, 60, 3)


def test_a_conduct_review_is_recorded_by_the_steering_committee_without_its_note_in_the_log(
    world, actor
):
    chair = world.memberships["chair"]
    review = services.record_review(
        actor("steering"), chair.id, note="We *talked* on the phone.", outcome="reminder"
    )
    stored = ConductReview.objects.get(pk=review.pk)
    assert stored.note == "We *talked* on the phone." and stored.outcome == "reminder"
    event = AuditEvent.objects.filter(action="participation.review").get()
    assert "talked" not in str(event.__dict__)
    own = selectors.member(actor("chair"), chair.id)
    assert [r.note for r in own.reviews] == ["We *talked* on the phone."]
    assert own.reviews[0].recorded_by_label == "the steering committee"


@pytest.mark.parametrize(
    ("role", "membership", "outcome", "error"),
    [
        ("admin", "chair", "reminder", Forbidden),
        ("steering", "chair", "shouted", DomainError),
        ("member", "chair", "reminder", Forbidden),
    ],
)
def test_a_refused_review_changes_nothing(world, actor, role, membership, outcome, error):
    with pytest.raises(error):
        services.record_review(
            actor(role), world.memberships[membership].id, note="N", outcome=outcome
        )
    assert not ConductReview.objects.exists()
