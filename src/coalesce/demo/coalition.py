"""The demo coalition itself: its founding, charter, roster, representatives,
committees, pending applications and custodian, and the other coalition beside it.

Built through the front door (``demo.front_door``): the same services a person calls
from the pages. The admin founds the coalition (through the Institute for Security
Governance Studies, so she is a member and chairs the steering committee), the steering
committee imports the roster of member organisations from a CSV file and registers the
three organisations whose representatives have a demo login; those representatives take
up an invitation and acknowledge the code of conduct; applicants ask to join and apply;
committees are created and members seated. Names of organisations and people are
invented.
"""

from datetime import date

from coalesce.accounts.models import User
from coalesce.coalitions import member_file, roster, services
from coalesce.coalitions.member_file import MemberRecord
from coalesce.coalitions.models import (
    Coalition,
    Committee,
    CommitteeKind,
    JoinMode,
    Membership,
    MembershipStatus,
    PolicyStatus,
    SeatRole,
    StaffRole,
    Visibility,
)
from coalesce.coalitions.policy import actor_for
from coalesce.demo.front_door import ask_to_join, first_account, invite, take_up
from coalesce.demo.logins import LOGINS

DEMO_SLUG = "safer-communities"

FOCUS_AREAS = [
    "Police reform",
    "Gender-based violence",
    "Parliamentary oversight",
    "Justice and courts",
    "Border security",
    "Prisons",
    "Peacebuilding",
    "Small arms control",
]

# name, actor type, country, focus areas, visibility, alias, login role of its representative
ORGANISATIONS = [
    ("Women for Safe Neighbourhoods", "cso", "KE", [0, 1], "public", "", "steering"),
    (
        "Association of Women in Policing",
        "professional_association",
        "KE",
        [0],
        "public",
        "",
        "chair",
    ),
    ("Lakeside Legal Aid Centre", "cso", "UG", [3, 1], "members", "", "member"),
    ("Institute for Security Governance Studies", "research", "KE", [2, 0], "public", "", "admin"),
    ("University of the Rift, Law Faculty", "academia", "KE", [3], "public", "", None),
    ("Interfaith Council for Peace", "faith_based", "TZ", [6], "public", "", None),
    ("Campus Voices for Accountability", "student_group", "UG", [0, 2], "members", "", None),
    ("Office of the Police Ombudsman", "oversight", "KE", [0, 2], "public", "", None),
    ("Ministry of Gender and Social Affairs", "ministry", "RW", [1], "members", "", None),
    ("Regional Peace Support Programme", "international", "ET", [6, 7], "public", "", None),
    ("Community Radio Network", "media", "TZ", [0, 6], "public", "", None),
    ("Democratic Reform Party, Women's Wing", "political_party", "KE", [2], "members", "", None),
    (
        "Survivors of Police Abuse Support Group",
        "cso",
        "KE",
        [0, 1],
        "pseudonymous",
        "Riverside Support Circle",
        None,
    ),
    ("Border Women Traders' Union", "cso", "UG", [4], "steering", "", None),
    ("Prison Watch Initiative", "cso", "TZ", [5, 3], "members", "", None),
    ("Association of Women Judges", "professional_association", "UG", [3], "public", "", None),
    ("Centre for Small Arms Research", "research", "ET", [7], "members", "", None),
    ("Youth Peace Ambassadors", "student_group", "RW", [6], "public", "", None),
    ("Network of Women Parliamentarians", "political_party", "TZ", [2, 1], "public", "", None),
    ("National Human Rights Commission", "oversight", "UG", [0, 5], "public", "", None),
    ("Muslim Women's Forum", "faith_based", "KE", [1, 6], "members", "", None),
    (
        "Investigative Journalists' Collective",
        "media",
        "UG",
        [0, 7],
        "pseudonymous",
        "Northern Reporters Group",
        None,
    ),
    ("Gender Desk Advocates", "cso", "RW", [1], "members", "", None),
    ("East African Peace Institute", "international", "KE", [6], "public", "", None),
    ("Women Ex-Combatants Association", "cso", "ET", [6, 7], "steering", "", None),
    ("Legal Literacy Foundation", "cso", "TZ", [3], "members", "", None),
    ("Security Studies Department, Coast University", "academia", "TZ", [4, 7], "public", "", None),
    ("Rural Women's Cooperative", "cso", "UG", [1], "members", "", None),
]

COMMITTEES = [
    ("Publicity and outreach", CommitteeKind.PUBLICITY, [1, 10, 17, 21, 2, 12]),
    ("Lobbying", CommitteeKind.LOBBYING, [3, 18, 11, 7, 0, 15, 19]),
    ("Fundraising", CommitteeKind.FUNDRAISING, [9, 23, 5, 13]),
    ("Event planning", CommitteeKind.EVENTS, [6, 20, 8, 24, 25]),
]
# The admin founds the coalition through this organisation and so chairs the steering
# committee; its other seats, in order: the secretary, then members (indexes into
# ORGANISATIONS).
FOUNDER = 3
STEERING = [FOUNDER, 0, 7, 13]
# Waits for its code-of-conduct acknowledgement / is suspended.
AWAITING_CONDUCT = "Rural Women's Cooperative"
SUSPENDED = (
    "Security Studies Department, Coast University",
    "Has not taken part in any committee for a year.",
)
INDIVIDUAL = ("Dr. Mary Achieng", Visibility.MEMBERS)

CHARTER = {
    "leadership": (
        PolicyStatus.AGREED,
        "A steering committee of up to seven member organisations, elected by all members "
        "for two years, leads the coalition. It elects a coordinator and a secretary.",
    ),
    "membership_requirements": (
        PolicyStatus.AGREED,
        "Organisations and individuals working for safe, accountable security institutions "
        "may join if they accept the code of conduct and are recommended by two members.",
    ),
    "code_of_conduct": (
        PolicyStatus.AGREED,
        "Members act with respect and honesty, keep confidential what is shared in confidence, "
        "never disclose another member's identity without consent, take part in at least one "
        "committee, and speak for the coalition only when authorised.",
    ),
    "committee_structure": (
        PolicyStatus.AGREED,
        "Four committees (publicity, lobbying, fundraising, events), each with a chair and a "
        "secretary. Every member sits on at least one committee.",
    ),
    "decision_making": (
        PolicyStatus.DRAFT,
        "Joint statements: consensus of the steering committee. New members: simple majority "
        "of the steering committee, by secret ballot. Budget: two-thirds of all members. "
        "Day-to-day matters: consent of the steering committee. Changes to the charter and "
        "to these rules: two-thirds of all members.",
    ),
    "internal_communication": (
        PolicyStatus.DRAFT,
        "A monthly update from the steering committee to all members, and minutes of every "
        "committee meeting shared within a week.",
    ),
    "external_communication": (
        PolicyStatus.DRAFT,
        "Two spokespeople, rotating every six months among member organisations.",
    ),
}

REQUIREMENTS = [
    "Describe your organisation's work on safety, justice or security institutions.",
    "Name two member organisations that know your work.",
    "Do you accept the coalition's code of conduct?",
]

# login role (or the name of an applicant without a demo login), kind, organisation,
# actor type, country
PENDING_APPLICATIONS = [
    ("applicant", "organisation", "Coastal Fisherwomen's Association", "cso", "TZ"),
    (
        "Peter Ochieng",
        "organisation",
        "Society of Retired Police Officers",
        "professional_association",
        "KE",
    ),
    ("Ruth Namukasa", "person", "", "", "UG"),
]
# Logins whose organisation joins by applying (and being approved), with its answer to
# every eligibility requirement; the other logins' organisations are registered and
# their representatives invited.
APPLIES = {
    "member": "Yes. We give free legal aid to survivors of violence in Kampala and Jinja; "
    "Prison Watch Initiative and Legal Literacy Foundation know our work.",
}
APPLICATION_STATEMENT = "We would like to join the coalition's work on police accountability."
AGREED_ON = date(2026, 3, 14)


def contact_for(name: str) -> dict:
    handle = "".join(ch for ch in name.lower() if ch.isalnum())[:16]
    return {
        "contact_email": f"{handle}@example.org",
        "contact_phone": "+254 700 000 000",
        "contact_address": "P.O. Box 100, Nairobi",
    }


def website_for(name: str) -> str:
    return "https://example.org/" + name.split()[0].lower()


def _record(name, actor_type, country, area_ix, visibility, alias) -> MemberRecord:
    return MemberRecord(
        name=name,
        kind=member_file.ORGANISATION,
        actor_type=actor_type,
        country=country,
        focus_areas=tuple(FOCUS_AREAS[i] for i in area_ix),
        website=website_for(name),
        visibility=visibility,
        alias=alias,
        **contact_for(name),
    )


def roster_file() -> bytes:
    """The CSV of members without a demo login that the steering committee imports."""
    records = [
        _record(*row[:6]) for row in ORGANISATIONS if row[6] is None and row[0] != AWAITING_CONDUCT
    ]
    name, visibility = INDIVIDUAL
    records.append(
        MemberRecord(
            name=name,
            kind=member_file.PERSON,
            visibility=visibility,
            **contact_for(name.removeprefix("Dr. ")),
        )
    )
    return member_file.write_csv(records).encode()


# --- the demo coalition -------------------------------------------------------------


def build(founder_user: User) -> Coalition:
    """The coalition ``founder_user`` founds, from its founding to its custodian."""
    admin = found(founder_user)  # admin, member, chair of the steering committee
    requirements = write_charter(admin)
    memberships = enrol_members(admin, requirements)
    seat_committees(admin, memberships)
    file_pending_applications(admin.coalition, requirements)
    add_custodian(admin)
    return admin.coalition


def found(founder_user: User):
    """Found the coalition through the founder's organisation; the admin's actor."""
    name, actor_type, country, area_ix, visibility, _alias, _login = ORGANISATIONS[FOUNDER]
    coalition = services.found_coalition(
        user=founder_user,
        name="Safer Communities Coalition",
        slug=DEMO_SLUG,
        purpose=(
            "Women's organisations, oversight bodies, researchers and faith groups in East "
            "Africa working together for police and justice institutions that protect "
            "everyone, and for women's full part in reforming them."
        ),
        languages="en, sw, fr",
        time_zone="Africa/Nairobi",
        join_mode=JoinMode.OPEN,
        founder_kind="organisation",
        organisation_name=name,
        actor_type=actor_type,
        country=country,
        person_name=LOGINS["admin"][1],
        visibility=visibility,
    )
    admin = actor_for(founder_user, coalition)
    for area in FOCUS_AREAS:
        services.add_focus_area(admin, name=area)
    founding = Membership.objects.get(pk=next(iter(admin.own_membership_ids)))
    services.update_organisation(
        admin,
        founding.organisation_id,
        actor_type=actor_type,
        country=country,
        website=website_for(name),
        focus_areas=[FOCUS_AREAS[i] for i in area_ix],
    )
    services.update_protection(admin, founding.id, visibility=visibility, **contact_for(name))
    return admin


def write_charter(admin) -> list:
    """The charter's policies and the eligibility requirements (returned)."""
    for kind, (status, text) in CHARTER.items():
        services.update_policy(
            admin,
            kind=kind,
            status=status,
            text=text,
            agreed_on=AGREED_ON if status == PolicyStatus.AGREED else None,
        )
    return [services.add_requirement(admin, text=text) for text in REQUIREMENTS]


def enrol_members(admin, requirements) -> dict[str, Membership]:
    """The roster: imported from the CSV file, then the members whose representative has
    a demo login, a representative for every other organisation, one member suspended.
    Returns the memberships by real name."""
    roster.import_members(admin, data=roster_file(), filename="members.csv")
    # Members whose representative has a demo login: one applies through the open door
    # and is approved; the others are registered one by one and their representative
    # invited. Either way the representative then acknowledges the code of conduct.
    for row in ORGANISATIONS:
        name, *_fields, login = row
        if login == "admin" or (login is None and name != AWAITING_CONDUCT):
            continue
        record = _record(*row[:6])
        if login in APPLIES:
            _join_by_applying(admin, record, login, requirements)
        else:
            _register(admin, record, login)
    memberships = {
        m.real_name: m
        for m in Membership.objects.filter(coalition=admin.coalition).select_related(
            "organisation", "person"
        )
    }
    for name, *_rest, login in ORGANISATIONS:
        if login is None:
            services.add_person(
                admin,
                full_name=f"Representative of {name}",
                organisation_id=memberships[name].organisation_id,
            )
    name, reason = SUSPENDED
    services.set_membership_status(
        admin, memberships[name].id, status=MembershipStatus.SUSPENDED, reason=reason
    )
    return memberships


def _join_by_applying(admin, record: MemberRecord, login: str, requirements) -> None:
    """``login`` asks to join, applies for ``record``'s organisation, and is approved."""
    coalition = admin.coalition
    email, person_name = LOGINS[login]
    user = take_up(ask_to_join(coalition, email), person_name)
    application = services.submit_application(
        actor_for(user, coalition),
        kind=record.kind,
        person_name=person_name,
        answers={r.id: APPLIES[login] for r in requirements},
        organisation_name=record.name,
        actor_type=record.actor_type,
        country=record.country,
        website=record.website,
        focus_areas=record.focus_areas,
        statement=APPLICATION_STATEMENT,
        visibility=record.visibility,
        alias=record.alias,
        contact_email=record.contact_email,
        contact_phone=record.contact_phone,
    )
    membership = services.decide_application(admin, application.id, approve=True).membership
    member = actor_for(user, coalition)
    services.acknowledge_conduct(member, membership.id)
    services.update_protection(
        member,
        membership.id,
        visibility=record.visibility,
        alias=record.alias,
        contact_address=record.contact_address,
    )


def _register(admin, record: MemberRecord, login: str | None) -> None:
    """Register ``record``'s organisation; invite ``login`` (if any) to represent it."""
    fields = {k: v for k, v in record.as_dict().items() if k != "kind"}
    membership = roster.add_member(
        admin, kind=record.kind, status=MembershipStatus.AWAITING_CONDUCT, **fields
    )
    if login is None:
        return
    email, person_name = LOGINS[login]
    user = take_up(invite(admin, email, membership=membership), person_name)
    services.acknowledge_conduct(actor_for(user, admin.coalition), membership.id)


def _role_at(position: int) -> str:
    if position == 0:
        return SeatRole.CHAIR
    return SeatRole.SECRETARY if position == 1 else SeatRole.MEMBER


def seat_committees(admin, memberships: dict[str, Membership]) -> None:
    """Seat the steering committee, then create the other committees and seat them."""
    steering = Committee.objects.get(coalition=admin.coalition, kind=CommitteeKind.STEERING)
    for position, index in enumerate(STEERING):
        if index != FOUNDER:  # seated as chair when she founded the coalition
            services.seat_member(
                admin,
                steering.id,
                membership_id=memberships[ORGANISATIONS[index][0]].id,
                role=_role_at(position),
            )
    for name, kind, indexes in COMMITTEES:
        committee = services.create_committee(admin, name=name, kind=kind)
        for position, index in enumerate(indexes):
            services.seat_member(
                admin,
                committee.id,
                membership_id=memberships[ORGANISATIONS[index][0]].id,
                role=_role_at(position),
            )


def file_pending_applications(coalition: Coalition, requirements) -> None:
    """Applicants ask to join and apply; their applications wait for a decision."""
    answers = {requirement.id: "Yes — see above." for requirement in requirements}
    for n, (who, kind, org_name, actor_type, country) in enumerate(PENDING_APPLICATIONS):
        email, person_name = (
            LOGINS[who] if who in LOGINS else (f"applicant{n}@demo.coalesce.test", who)
        )
        applicant = take_up(ask_to_join(coalition, email), person_name)
        services.submit_application(
            actor_for(applicant, coalition),
            kind=kind,
            person_name=person_name,
            answers=answers,
            organisation_name=org_name,
            actor_type=actor_type,
            country=country,
            statement=APPLICATION_STATEMENT,
            contact_email=email,
        )


def add_custodian(admin) -> None:
    """The custodian of protected identities: invited, a person, then given the role."""
    email, person_name = LOGINS["custodian"]
    take_up(invite(admin, email), person_name)
    services.add_invited_person(admin, email=email)
    services.grant_staff_role(admin, email=email, role=StaffRole.CUSTODIAN)


def found_other_coalition() -> Coalition:
    """A separate coalition, founded by the outsider login."""
    outsider = first_account(*LOGINS["outsider"])
    return services.found_coalition(
        user=outsider,
        name="Coastal Justice Network",
        slug="coastal-justice",
        purpose="A separate coalition, to show that coalitions never see each other's members.",
        founder_kind="organisation",
        organisation_name="Coast Paralegals",
        actor_type="cso",
        country="KE",
        person_name=LOGINS["outsider"][1],
    )
