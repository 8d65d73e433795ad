from coalesce.coalitions.models import Coalition, Membership, Organisation

# --- built through the front door ----------------------------------------------------


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
