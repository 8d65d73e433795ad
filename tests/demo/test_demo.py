from django.core.management import call_command

from coalesce.coalitions.models import Application, Coalition, Committee, Membership, Organisation


def test_demo_loads_once_with_a_diverse_protected_coalition(db):
    call_command("load_demo")
    call_command("load_demo")
    coalition = Coalition.objects.get(slug="safer-communities")
    organisations = Organisation.objects.filter(coalition=coalition)
    assert organisations.count() >= 25
    assert organisations.values("actor_type").distinct().count() >= 8
    assert organisations.values("country").distinct().count() >= 4
    visibilities = set(
        Membership.objects.filter(coalition=coalition).values_list("visibility", flat=True)
    )
    assert {"steering", "pseudonymous", "public", "members"} <= visibilities
    assert Committee.objects.filter(coalition=coalition).count() == 5
    assert Application.objects.filter(coalition=coalition, status="pending").count() >= 2
    statuses = set(coalition.policies.values_list("status", flat=True))
    assert statuses == {"agreed", "draft", "missing"}


def test_demo_decisions_show_every_state(db):
    from coalesce.accounts.models import User
    from coalesce.coalitions.policy import actor_for
    from coalesce.decisions import selectors
    from coalesce.decisions.models import Comment, Conflict, Elector, Proposal, Rule

    call_command("load_demo")
    call_command("load_demo")
    coalition = Coalition.objects.get(slug="safer-communities")
    # (the approval of the demo's joint statement is tested in tests/statements/test_demo.py)
    proposals = Proposal.objects.filter(coalition=coalition, statements__isnull=True)
    assert proposals.count() == 7  # loaded once

    categories = set(coalition.decision_categories.values_list("slug", flat=True))
    assert {"joint-statements", "new-members", "budget", "day-to-day", "charter"} <= categories
    assert not Rule.objects.filter(category__coalition=coalition, category__rules=None).exists()

    consensus = proposals.get(category__name="Joint statements", status="closed")
    assert consensus.rule.method == "consensus"
    assert consensus.outcome == "adopted"
    assert consensus.result["counts"]["stand_aside"] == 1
    assert consensus.result["counts"]["block"] == 0
    assert consensus.ballots.get(position="stand_aside").reason

    failed = proposals.get(outcome="no_quorum")
    assert failed.status == "closed" and not failed.result["quorum_met"]
    assert failed.rule.version == 1  # decided under the Budget rule before it changed

    secret = proposals.get(status="open", rule__secret=True)
    steering = actor_for(User.objects.get(email="steering@demo.coalesce.test"), coalition)
    mine = selectors.my_elector(steering, secret)
    assert mine is not None and not mine.has_voted
    assert Elector.objects.filter(proposal=secret, has_voted=True).exists()

    blocked = proposals.get(status="open", rule__method="consensus")
    assert blocked.ballots.get(position="block").reason
    assert not blocked.ballots.filter(elector=selectors.my_elector(steering, blocked)).exists()

    draft = proposals.get(status="draft")
    assert Comment.objects.filter(proposal=draft).count() >= 2

    change = proposals.get(category__slug="charter")
    assert change.outcome == "adopted"
    budget_rule = Rule.objects.get(adopted_by=change)
    assert budget_rule.category.name == "Budget" and budget_rule.version == 2
    assert budget_rule.quorum_percent == 40

    conflicts = Conflict.objects.filter(coalition=coalition)
    assert conflicts.count() == 3
    assert conflicts.filter(raised_by__isnull=True).count() == 1
    assert conflicts.exclude(mediator="").count() == 1
    resolved = conflicts.get(status="resolved")
    assert resolved.proposals.filter(outcome="adopted").exists()


# --- built through the front door ----------------------------------------------------


def test_the_demo_was_built_through_the_services(db, client):
    from django.core import mail

    from coalesce.accounts.models import Invitation, User
    from coalesce.audit.log import verify_chain
    from coalesce.audit.models import AuditEvent
    from coalesce.coalitions.models import CommitteeSeat, JoinMode, Person
    from coalesce.coalitions.policy import Role, actor_for

    call_command("load_demo")
    assert not mail.outbox  # invitations and confirmations were not sent anywhere
    coalition = Coalition.objects.get(slug="safer-communities")
    assert coalition.join_mode == JoinMode.OPEN
    ways_in = {"coalition.found", "membership.create", "membership.import"}
    demo_slugs = ["safer-communities", "coastal-justice"]
    for membership in Membership.objects.filter(coalition__slug__in=demo_slugs):
        assert AuditEvent.objects.filter(
            object_type="membership", object_id=str(membership.id), action__in=ways_in
        ).exists(), membership
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"coalition.found", "membership.import", "membership.create", "invitation.accept"} <= (
        actions
    )
    assert verify_chain() == (True, None)

    approved = Application.objects.filter(coalition=coalition, status="approved")
    assert approved.exists()
    for application in approved:
        assert application.decided_by and application.decided_at and application.membership
        assert application.membership.status == "active"
    seats = CommitteeSeat.objects.filter(committee__coalition=coalition)
    assert seats.count() == 26  # as many as before: 4 + 6 + 7 + 4 + 5
    assert not seats.exclude(membership__status="active").exists()

    # Every login except the two founders came in through a link it took up.
    for email in [
        "steering@demo.coalesce.test",
        "chair@demo.coalesce.test",
        "member@demo.coalesce.test",
        "custodian@demo.coalesce.test",
        "applicant@demo.coalesce.test",
    ]:
        assert Invitation.objects.filter(accepted_by__email=email).exists(), email

    # The admin founded it: a member through the Institute, chairing the steering committee.
    admin_user = User.objects.get(email="admin@demo.coalesce.test")
    founded = AuditEvent.objects.get(action="coalition.found", coalition=coalition)
    assert founded.actor == admin_user
    admin = actor_for(admin_user, coalition)
    assert admin.has(Role.ADMIN) and admin.has(Role.MEMBER) and admin.has(Role.STEERING)
    steering_committee = coalition.committees.get(kind="steering")
    assert steering_committee.id in admin.chaired_committee_ids
    assert Person.objects.get(user=admin_user, coalition=coalition).organisation.name == (
        "Institute for Security Governance Studies"
    )
    seats = dict(steering_committee.seats.values_list("membership__organisation__name", "role"))
    assert seats["Women for Safe Neighbourhoods"] == "secretary"
    for role in ["steering", "chair", "member"]:
        user = User.objects.get(email=f"{role}@demo.coalesce.test")
        assert actor_for(user, coalition).has(Role.MEMBER), role
    steering = actor_for(User.objects.get(email="steering@demo.coalesce.test"), coalition)
    assert steering.has(Role.STEERING)
    custodian = actor_for(User.objects.get(email="custodian@demo.coalesce.test"), coalition)
    assert custodian.has(Role.CUSTODIAN) and not custodian.own_membership_ids
    applicant = actor_for(User.objects.get(email="applicant@demo.coalesce.test"), coalition)
    assert applicant.has(Role.APPLICANT)
    outsider = actor_for(User.objects.get(email="outsider@demo.coalesce.test"), coalition)
    assert outsider.roles == {Role.OUTSIDER}

    # A visitor sees the way in.
    page = client.get("/c/safer-communities/").content.decode()
    assert "Apply to join" in page and "/c/safer-communities/people/join/" in page


def test_a_coalition_founded_in_the_interface_admits_members_as_the_demo_did(db):
    from django.test import Client

    from coalesce.coalitions import roster, services
    from coalesce.coalitions.policy import Role, actor_for
    from coalesce.decisions import services as decisions
    from coalesce.demo import front_door as demo

    founder = demo.first_account("founder@example.org", "Nadia Founder")
    browser = Client()
    browser.force_login(founder)
    response = browser.post(
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
    coalition = Coalition.objects.get(slug="border-watch")
    admin = actor_for(founder, coalition)
    with demo.mail_dropped():
        requirement = services.add_requirement(admin, text="Do you accept the code of conduct?")
        # The open door: ask to join, confirm, apply, be approved, acknowledge.
        user = demo.take_up(demo.ask_to_join(coalition, "vera@example.org"), "Vera Visitor")
        application = services.submit_application(
            actor_for(user, coalition),
            kind="organisation",
            person_name="Vera Visitor",
            answers={requirement.id: "Yes."},
            organisation_name="Lakeside Legal Aid Centre",
            actor_type="cso",
            country="UG",
        )
        approved = services.decide_application(admin, application.id, approve=True)
        services.acknowledge_conduct(actor_for(user, coalition), approved.membership_id)
        # The roster: import a file, register one more and invite its representative.
        roster.import_members(
            admin,
            data=b"name,kind,actor_type,country\nPrison Watch Initiative,organisation,cso,TZ\n",
            filename="members.csv",
        )
        registered = roster.add_member(
            admin,
            kind="organisation",
            name="Association of Women in Policing",
            actor_type="professional_association",
            country="KE",
            status="awaiting_conduct",
        )
        rep = demo.take_up(
            demo.invite(admin, "joseph@example.org", membership=registered), "Joseph Rep"
        )
        services.acknowledge_conduct(actor_for(rep, coalition), registered.id)
    steering = coalition.committees.get(kind="steering")
    services.seat_member(admin, steering.id, membership_id=approved.membership_id, role="secretary")
    vera = actor_for(user, coalition)
    assert vera.has(Role.MEMBER) and vera.has(Role.STEERING)
    assert actor_for(rep, coalition).has(Role.MEMBER)
    assert Membership.objects.filter(coalition=coalition, status="active").count() == 4
    # and the new steering member can take part in a decision
    category = decisions.create_category(vera, name="Day-to-day")
    decisions.define_rule(vera, category.id, method="consent", electorate="steering")
    proposal = decisions.create_proposal(
        vera, category_id=category.id, title="Meet monthly", body="Every first Monday."
    )
    decisions.open_proposal(vera, proposal.id)
    decisions.cast(vera, proposal.id, position="consent")
    decisions.cast(admin, proposal.id, position="consent")


def test_the_services_added_for_the_demo_check_the_policy_and_audit(db):
    import pytest

    from coalesce.audit.models import AuditEvent
    from coalesce.coalitions import services
    from coalesce.coalitions.policy import actor_for
    from coalesce.core.errors import Forbidden, NotFound
    from coalesce.demo import front_door as demo

    founder = demo.first_account("founder@example.org", "Nadia Founder")
    coalition = services.found_coalition(
        user=founder,
        name="Border Watch",
        founder_kind="organisation",
        organisation_name="Women Traders' Union",
        actor_type="cso",
        country="UG",
    )
    admin = actor_for(founder, coalition)
    services.add_focus_area(admin, name="Border security")
    organisation = Organisation.objects.get(coalition=coalition)
    services.update_organisation(
        admin,
        organisation.id,
        actor_type="cso",
        country="KE",
        website="https://example.org/traders",
        focus_areas=["border security"],
    )
    organisation.refresh_from_db()
    assert organisation.country.code == "KE"
    assert [a.name for a in organisation.focus_areas.all()] == ["Border security"]
    assert AuditEvent.objects.filter(action="organisation.update").count() == 1

    with demo.mail_dropped():
        guest = demo.take_up(demo.invite(admin, "esther@example.org"), "Esther Guest")
    outsider = demo.first_account("other@example.org", "Other Person")
    with pytest.raises(NotFound):
        services.add_invited_person(admin, email=outsider.email)  # never invited
    with pytest.raises(Forbidden):
        services.update_organisation(
            actor_for(guest, coalition), organisation.id, actor_type="cso", country="UG"
        )
    person = services.add_invited_person(admin, email="Esther@Example.org")
    assert person.user == guest and person.organisation is None
    assert services.add_invited_person(admin, email=guest.email) == person  # once
    services.grant_staff_role(admin, email=guest.email, role="custodian")
    assert AuditEvent.objects.filter(action="person.create").count() == 1
    with pytest.raises((Forbidden, NotFound)):
        services.add_invited_person(actor_for(guest, coalition), email=guest.email)
