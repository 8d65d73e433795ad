"""From nothing to a working coalition: founding, the guards that keep it workable, and
the ways in (open applications, invitations, prospective partners)."""

import re

import pytest
from django.core import mail
from django.test import Client

from coalesce.accounts import services as account_services
from coalesce.accounts.models import ApiToken, Invitation, InvitationKind, MailSent, User
from coalesce.audit.models import AuditEvent
from coalesce.coalitions import policy, services
from coalesce.coalitions.invitations import services as invitation_services
from coalesce.coalitions.models import (
    ApplicationStatus,
    Coalition,
    CoalitionStaff,
    CommitteeKind,
    CommitteeSeat,
    JoinMode,
    MembershipStatus,
    Organisation,
    SeatRole,
    StaffRole,
    name_is,
)
from coalesce.core.errors import Conflict, DomainError, Forbidden, Throttled
from coalesce.groundwork import services as groundwork
from coalesce.groundwork.models import PartnerStatus, ProspectivePartner
from tests.support import factories as f
from tests.support.authz import database_snapshot


def found(user, **fields):
    fields = {
        "name": "Border Watch",
        "founder_kind": "organisation",
        "organisation_name": "Women Traders' Union",
        "actor_type": "cso",
        "country": "UG",
        **fields,
    }
    return services.found_coalition(user=user, **fields)


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


@pytest.fixture
def founder(db):
    return f.make_user("founder@example.org", "Nadia Founder")


# --- founding -----------------------------------------------------------------------


def test_the_founder_is_the_first_active_member_steering_chair_and_admin(founder):
    coalition = found(founder)
    actor = policy.actor_for(founder, coalition)
    assert actor.has(policy.Role.MEMBER, policy.Role.STEERING, policy.Role.ADMIN)
    membership = coalition.memberships.get()
    assert membership.organisation.name == "Women Traders' Union"
    assert membership.status == MembershipStatus.ACTIVE
    assert membership.conduct_acknowledged_at is not None
    seat = CommitteeSeat.objects.get(membership=membership)
    assert seat.committee.kind == CommitteeKind.STEERING and seat.role == SeatRole.CHAIR
    assert seat.person.user == founder
    assert AuditEvent.objects.filter(action="coalition.found", coalition=coalition).exists()
    # and may therefore admit others at once
    assert policy.allows(actor, "application.decide")
    assert policy.allows(actor, "invitations.create")


def test_an_individual_founder_takes_part_under_their_own_name(founder):
    coalition = found(founder, founder_kind="person", organisation_name="", person_name="")
    membership = coalition.memberships.get()
    assert membership.person.full_name == "Nadia Founder"
    assert membership.organisation is None


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"organisation_name": ""}, "organisation_name"),
        ({"actor_type": "guild"}, "actor_type"),
        ({"country": "XX"}, "country"),
        ({"visibility": "pseudonymous", "alias": ""}, "alias"),
        ({"join_mode": "whenever"}, "join_mode"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_founding_input_is_refused_and_creates_nothing(founder, fields, field):
    before = database_snapshot()
    with pytest.raises(DomainError) as error:
        found(founder, **fields)
    assert error.value.field == field
    assert database_snapshot() == before


def test_founding_in_the_browser_leads_to_next_steps(founder):
    client = Client()
    client.force_login(founder)
    response = client.post(
        "/coalitions/new/",
        {
            "name": "Border Watch",
            "join_mode": "open",
            "founder_kind": "organisation",
            "organisation_name": "Women Traders' Union",
            "actor_type": "cso",
            "country": "UG",
            "visibility": "members",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/c/border-watch/next-steps/"
    page = client.get(response["Location"]).content.decode()
    assert "Complete the charter" in page and "Seat the steering committee" in page
    assert "/c/border-watch/members/import/" in page
    assert "/c/border-watch/decisions/rules/" in page  # agree how you decide
    assert "Open applications" in page
    # The founder never sees "Apply to join" in their own coalition.
    assert "Apply to join" not in client.get("/c/border-watch/").content.decode()
    assert Coalition.objects.get().join_mode == JoinMode.OPEN


def test_founding_form_shows_a_missing_organisation_on_its_field(founder):
    client = Client()
    client.force_login(founder)
    response = client.post(
        "/coalitions/new/",
        {
            "name": "Border Watch",
            "join_mode": "invitation",
            "founder_kind": "organisation",
            "visibility": "members",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["organisation_name"]
    assert not Coalition.objects.exists()


def test_a_training_room_coalition_has_its_facilitator_as_member(founder):
    coalition = services.found_coalition(user=founder, name="From the room", founder_kind="person")
    assert policy.actor_for(founder, coalition).has(policy.Role.STEERING)


# --- guards -------------------------------------------------------------------------


def test_the_last_steering_member_cannot_leave_the_steering_committee(founder):
    coalition = found(founder)
    actor = policy.actor_for(founder, coalition)
    membership = coalition.memberships.get()
    steering = coalition.committees.get(kind=CommitteeKind.STEERING)
    with pytest.raises(Conflict):
        services.unseat_member(actor, steering.id, membership_id=membership.id)
    for status in (MembershipStatus.SUSPENDED, MembershipStatus.ENDED):
        with pytest.raises(Conflict):
            services.set_membership_status(actor, membership.id, status=status, reason="Left")
    assert CommitteeSeat.objects.filter(committee=steering).count() == 1
    assert coalition.memberships.get().status == MembershipStatus.ACTIVE


def test_a_second_steering_member_lets_the_first_step_down(founder):
    coalition = found(founder)
    actor = policy.actor_for(founder, coalition)
    other = f.make_member(coalition, name="Second Org")
    steering = coalition.committees.get(kind=CommitteeKind.STEERING)
    services.seat_member(actor, steering.id, membership_id=other.id)
    first = coalition.memberships.exclude(pk=other.pk).get()
    services.unseat_member(actor, steering.id, membership_id=first.id)
    assert list(
        CommitteeSeat.objects.filter(committee=steering).values_list("membership", flat=True)
    ) == [other.id]


def test_the_only_admin_cannot_delete_their_account(founder):
    coalition = found(founder)
    with pytest.raises(Conflict):
        account_services.delete_account(founder)
    assert User.objects.filter(pk=founder.pk).exists()
    assert CoalitionStaff.objects.filter(coalition=coalition, role=StaffRole.ADMIN).count() == 1


# --- joining: invitation only or open applications ---------------------------------


def test_invitation_only_coalitions_take_applications_from_invited_people_only(founder):
    coalition = found(founder, join_mode="invitation")
    outsider = f.make_user("outsider@example.org", "Out Sider")
    client = Client()
    client.force_login(outsider)
    assert client.get("/c/border-watch/apply/").status_code == 403
    public = client.get("/c/border-watch/").content.decode()
    assert "Membership is by invitation" in public and "Apply to join" not in public
    assert Client().get("/c/border-watch/people/join/").status_code == 403
    # Invited and accepted: may apply, even though the coalition is invitation-only.
    invitation = invitation_services.invite(
        policy.actor_for(founder, coalition), outsider.email, link_for=lambda raw: raw
    )
    invitation_services.accept_invitation(outsider, invitation)
    assert client.get("/c/border-watch/apply/").status_code == 200


def test_a_visitor_confirms_an_address_creates_an_account_and_applies(
    founder, django_capture_on_commit_callbacks, run_queued_tasks
):
    coalition = found(founder, join_mode="open")
    visitor = Client()
    assert "/c/border-watch/people/join/" in visitor.get("/c/border-watch/").content.decode()
    response = visitor.post("/c/border-watch/people/join/", {"email": "Visitor@Example.org"})
    assert response.status_code == 200 and "Check your inbox" in response.content.decode()
    run_queued_tasks()
    assert not User.objects.filter(email="visitor@example.org").exists()
    assert mail.outbox[0].subject == "Confirm your address to apply to Border Watch"
    link = link_in(mail.outbox[0])
    assert "Your address is confirmed" in visitor.get(link).content.decode()
    sign_up = visitor.post(
        link,
        {
            "display_name": "Vera Visitor",
            "password1": "a long pass phrase 2026",
            "password2": "a long pass phrase 2026",
        },
    )
    assert sign_up.status_code == 302 and sign_up["Location"] == "/c/border-watch/apply/"
    form = visitor.get("/c/border-watch/apply/").context["form"]
    assert form.initial["person_name"] == "Vera Visitor"  # typed once
    response = visitor.post(
        "/c/border-watch/apply/",
        {"kind": "person", "person_name": "Vera Visitor", "visibility": "members"},
    )
    assert response.status_code == 302
    application = coalition.applications.get()
    assert application.status == ApplicationStatus.PENDING
    assert application.invitation.kind == InvitationKind.JOIN_REQUEST
    # The founder, on the steering committee, approves it; the applicant is told, and
    # finds the way to the code of conduct from the e-mail and from the public page.
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_application(
            policy.actor_for(founder, coalition), application.id, approve=True
        )
    membership = coalition.memberships.get(person__user__email="visitor@example.org")
    told = mail.outbox[-1]
    assert told.to == ["visitor@example.org"]
    assert told.subject == "Welcome to Border Watch: your application was approved"
    assert f"/c/border-watch/members/{membership.id}/" in told.body
    public = visitor.get("/c/border-watch/").content.decode()
    assert f"/c/border-watch/members/{membership.id}/" in public


def test_asking_to_join_answers_the_same_whether_an_account_exists(founder, run_queued_tasks):
    found(founder, join_mode="open")
    f.make_user("known@example.org", "Known")
    answers = [
        Client().post("/c/border-watch/people/join/", {"email": email})
        for email in ("known@example.org", "unknown@example.org")
    ]
    assert [a.status_code for a in answers] == [200, 200]
    run_queued_tasks()
    first, second = (a.content.decode() for a in answers)
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert token.sub("", first) == token.sub("", second)
    assert len(mail.outbox) == 2
    assert "/c/border-watch/apply/" in mail.outbox[0].body  # sign in and apply
    assert "/accounts/invitation/" in mail.outbox[1].body  # confirm and create


def test_asking_to_join_is_throttled_per_address_and_sends_nothing_more(founder, run_queued_tasks):
    found(founder, join_mode="open")
    client = Client()
    statuses = [
        client.post("/c/border-watch/people/join/", {"email": "again@example.org"}).status_code
        for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    run_queued_tasks()
    assert len(mail.outbox) == 3
    assert Invitation.objects.filter(email="again@example.org").count() == 1  # renewed
    # The table holds keys, never the address itself.
    assert not MailSent.objects.filter(key__icontains="again").exists()


def test_asking_to_join_is_throttled_per_client_address(founder):
    coalition = found(founder, join_mode="open")
    actor = policy.actor_for(None, coalition)
    for n in range(10):
        invitation_services.request_to_join(
            actor, f"v{n}@example.org", address="203.0.113.9", site_url="http://testserver/"
        )
    with pytest.raises(Throttled):
        invitation_services.request_to_join(
            actor, "v10@example.org", address="203.0.113.9", site_url="http://testserver/"
        )
    invitation_services.request_to_join(
        actor, "v10@example.org", address="198.51.100.1", site_url="http://testserver/"
    )


def test_members_cannot_ask_to_join_again(founder):
    coalition = found(founder, join_mode="open")
    with pytest.raises(Forbidden):
        invitation_services.request_to_join(
            policy.actor_for(founder, coalition),
            "x@example.org",
            address="127.0.0.1",
            site_url="http://testserver/",
        )


def test_invitation_subjects_are_plain_text(founder):
    coalition = found(founder, name="Women's Voices", slug="womens-voices")
    invitation_services.invite(
        policy.actor_for(founder, coalition), "guest@example.org", link_for=lambda raw: raw
    )
    assert mail.outbox[0].subject == "You are invited to Women's Voices on Coalesce"


def test_the_members_page_links_the_invite_page_for_those_who_may_invite(world):
    assert (
        "/people/invite/"
        in world.client("steering").get("/c/safer-streets/members/").content.decode()
    )
    assert (
        "/people/invite/"
        not in world.client("member").get("/c/safer-streets/members/").content.decode()
    )


# --- prospective partners into members ---------------------------------------------


@pytest.fixture
def with_partner(founder):
    coalition = found(founder)
    actor = policy.actor_for(founder, coalition)
    partner = groundwork.add_partner(actor, description="Association of Women Lawyers")
    return coalition, actor, partner


def test_an_invited_partner_applies_with_its_details_filled_in(with_partner):
    coalition, actor, partner = with_partner
    partner = groundwork.invite_partner(
        actor,
        partner.id,
        email="lawyer@example.org",
        link_for=lambda raw: f"http://testserver/accounts/invitation/{raw}/",
    )
    assert partner.status == PartnerStatus.APPROACHED
    invitee = Client()
    invitee.post(
        link_in(mail.outbox[0]),
        {
            "display_name": "Lena Lawyer",
            "password1": "a long pass phrase 2026",
            "password2": "a long pass phrase 2026",
        },
    )
    form = invitee.get(f"/c/{coalition.slug}/apply/").context["form"]
    assert form.initial["organisation_name"] == "Association of Women Lawyers"
    assert form.initial["actor_type"] == "professional_association"
    assert form.initial["person_name"] == "Lena Lawyer"


def test_a_registered_partner_organisation_can_still_apply_and_be_approved(founder):
    coalition = found(founder, join_mode="open")
    steering = policy.actor_for(founder, coalition)
    services.create_organisation(steering, name="Bar Association", actor_type="cso", country="KE")
    applicant = f.make_user("bar@example.org", "Bar Person")
    application = services.submit_application(
        policy.actor_for(applicant, coalition),
        kind="organisation",
        person_name="Bar Person",
        organisation_name="bar association",
        actor_type="professional_association",
        country="KE",
        answers={},
    )
    services.decide_application(steering, application.id, approve=True)
    organisation = Organisation.objects.get(name_is("Bar Association", coalition))
    assert organisation.membership.status == MembershipStatus.AWAITING_CONDUCT
    assert organisation.actor_type == "professional_association"


def test_converting_a_partner_makes_a_member_whose_representative_acknowledges(with_partner):
    coalition, actor, partner = with_partner
    partner = groundwork.convert_partner(
        actor,
        partner.id,
        name="Association of Women Lawyers",
        actor_type="professional_association",
        country="KE",
        email="rep@example.org",
        link_for=lambda raw: f"http://testserver/accounts/invitation/{raw}/",
    )
    assert partner.status == PartnerStatus.JOINED
    membership = partner.membership
    assert membership.status == MembershipStatus.AWAITING_CONDUCT
    rep = Client()
    response = rep.post(
        link_in(mail.outbox[0]),
        {
            "display_name": "Rita Rep",
            "password1": "a long pass phrase 2026",
            "password2": "a long pass phrase 2026",
        },
    )
    assert response["Location"] == f"/c/{coalition.slug}/members/{membership.id}/"
    rep.post(f"/c/{coalition.slug}/members/{membership.id}/conduct/", {"conduct-accept": "on"})
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE
    with pytest.raises(Conflict):
        groundwork.convert_partner(
            actor, partner.id, name="Again", actor_type="cso", country="KE", link_for=str
        )


def test_only_steering_converts_and_bad_input_changes_nothing(with_partner):
    coalition, actor, partner = with_partner
    admin_only = f.make_user("admin-only@example.org")
    f.make_staff(coalition, admin_only, StaffRole.ADMIN)
    before = database_snapshot()
    with pytest.raises(DomainError) as error:
        groundwork.convert_partner(
            actor, partner.id, name="Lawyers", actor_type="guild", country="KE", link_for=str
        )
    assert error.value.field == "actor_type"
    with pytest.raises(Forbidden):
        groundwork.convert_partner(
            policy.actor_for(admin_only, coalition),
            partner.id,
            name="Lawyers",
            actor_type="cso",
            country="KE",
            link_for=str,
        )
    assert database_snapshot() == before
    assert ProspectivePartner.objects.get().membership is None


def test_the_stakeholder_map_shows_each_rated_partner_in_the_chart_and_the_table(with_partner):
    coalition, actor, partner = with_partner
    groundwork.update_partner(actor, partner.id, influence=3, interest=2, relationship="some")
    groundwork.add_partner(actor, description="Police union")  # not rated yet
    client = Client()
    client.force_login(actor.user)
    page = client.get(f"/c/{coalition.slug}/groundwork/").content.decode()
    assert '<svg class="chart"' in page and 'role="img"' in page
    assert "Association of Women Lawyers: influence High, interest Medium" in page
    assert page.count("<circle") == 1
    assert "Some contact" in page and "Not known yet" in page


@pytest.mark.parametrize("influence", [0, 4, "high", True])
def test_a_stakeholder_level_outside_low_to_high_is_refused(with_partner, influence):
    coalition, actor, partner = with_partner
    with pytest.raises(DomainError) as error:
        groundwork.update_partner(actor, partner.id, influence=influence)
    assert error.value.field == "influence"
    partner.refresh_from_db()
    assert partner.influence is None


# --- a committee still in use ---------------------------------------------------------


def test_deleting_a_committee_a_decision_rule_uses_is_409_naming_the_rule(world):
    from coalesce.decisions import services as decide

    steering = policy.actor_for(world.users["steering"], world.coalition)
    category = decide.create_category(steering, name="Outreach budget")
    decide.define_rule(
        steering,
        category.id,
        method="simple_majority",
        electorate="committee",
        committee_id=world.committee.id,
        quorum_percent=50,
        window_hours=48,
    )
    token = ApiToken.issue(world.users["steering"], "t")[1]
    before = database_snapshot()
    page = world.client("steering").post(
        f"/c/safer-streets/committees/{world.committee.id}/delete/"
    )
    assert page.status_code == 409 and "Outreach budget" in page.content.decode()
    answer = Client().delete(
        f"/api/coalitions/safer-streets/committees/{world.committee.id}",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert answer.status_code == 409 and "Outreach budget" in answer.json()["detail"]
    assert database_snapshot() == before
