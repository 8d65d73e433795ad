"""A realistic, fictional coalition to explore Coalesce with, with a login for every role.

Built through the front door: the same services a person calls from the pages. The
admin founds the coalition (through the Institute for Security Governance Studies, so
she is a member and chairs the steering committee), the steering committee imports the
roster of member organisations from a CSV file and registers the three organisations
whose representatives have a demo login; those representatives take up an invitation
and acknowledge the code of conduct; applicants ask to join and apply; committees are
created and members seated; the decisions are proposed, voted on and closed (see
``decisions.demo``). Accounts that exist before any invitation (the admin's and the
other coalition's founder's) are made as ``coalesce createadmin`` makes them.

Names of organisations and people are invented. Loading is idempotent: the demo is
created once and left alone afterwards. E-mails the services send while it loads
(invitations, confirmations) are dropped: the loader takes the links' tokens itself.
"""

from contextlib import contextmanager
from datetime import date

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from coalesce.accounts import services as accounts
from coalesce.accounts.models import User
from coalesce.coalitions import member_file, policy, roster, services
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
from coalesce.decisions import demo as decisions_demo
from coalesce.groundwork import demo as groundwork_demo

DEMO_SLUG = "safer-communities"
DEMO_PASSWORD = "coalesce-demo-2026"

LOGINS = {
    "admin": ("admin@demo.coalesce.test", "Amina Okello"),
    "steering": ("steering@demo.coalesce.test", "Grace Wanjiru"),
    "chair": ("chair@demo.coalesce.test", "Joseph Mutua"),
    "member": ("member@demo.coalesce.test", "Fatuma Hassan"),
    "custodian": ("custodian@demo.coalesce.test", "Esther Nakato"),
    "applicant": ("applicant@demo.coalesce.test", "Daniel Otieno"),
    "outsider": ("outsider@demo.coalesce.test", "Samuel Kiptoo"),
}

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
INVITATION_LINK = "/accounts/invitation/{}/"
# The client address the demo's requests to join are throttled under: not a real
# visitor's, so loading the demo never uses up anyone's share.
LOADER_ADDRESS = "demo-loader"


def contact_for(name: str) -> dict:
    handle = "".join(ch for ch in name.lower() if ch.isalnum())[:16]
    return {
        "contact_email": f"{handle}@example.org",
        "contact_phone": "+254 700 000 000",
        "contact_address": "P.O. Box 100, Nairobi",
    }


def website_for(name: str) -> str:
    return "https://example.org/" + name.split()[0].lower()


# --- the front door, as the loader walks through it ---------------------------------


@contextmanager
def mail_dropped():
    """Send the services' e-mails nowhere while the demo loads (they would otherwise
    land in the data folder's mail directory, one per invitation and request)."""
    previous = settings.EMAIL_BACKEND
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    try:
        yield
    finally:
        settings.EMAIL_BACKEND = previous


def first_account(email: str, name: str) -> User:
    """An account made before any invitation, as ``coalesce createadmin`` makes it."""
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user
    validate_password(DEMO_PASSWORD, User(email=email, display_name=name))
    return User.objects.create_user(email, DEMO_PASSWORD, display_name=name)


def _token_catcher():
    tokens = []

    def link_for(raw):
        tokens.append(raw)
        return INVITATION_LINK.format(raw)

    return tokens, link_for


def invite(actor, email, *, membership=None) -> str:
    """Invite ``email`` (to represent ``membership`` if given); the link's raw token."""
    tokens, link_for = _token_catcher()
    accounts.invite(actor, email, link_for=link_for, membership=membership)
    return tokens[-1]


def ask_to_join(coalition, email) -> str:
    """A visitor asks to join the open coalition; the confirmation link's raw token."""
    tokens, link_for = _token_catcher()
    policy.require(actor_for(None, coalition), "coalition.join")
    # What the task queue does for a visitor's request (the demo needs the link's token).
    accounts.deliver_join_request(
        coalition, email, link_for=link_for, apply_url=f"/c/{coalition.slug}/apply/"
    )
    return tokens[-1]


def take_up(raw: str, name: str) -> User:
    """Follow a link: sign up with it, or, with an account already, accept it."""
    invitation = accounts.find_invitation(raw)
    user = User.objects.filter(email__iexact=invitation.email).first()
    if user is not None:
        accounts.accept_invitation(user, invitation)
        return user
    return accounts.sign_up_with_invitation(invitation, display_name=name, password=DEMO_PASSWORD)


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


# --- the demo -----------------------------------------------------------------------


def load() -> Coalition | None:
    """Create the demo coalition once; return it, or None when it already exists."""
    if Coalition.objects.filter(slug=DEMO_SLUG).exists():
        return None
    with mail_dropped(), transaction.atomic():
        return _build()


def _build() -> Coalition:
    founder_user = first_account(*LOGINS["admin"])
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
        join_mode=JoinMode.OPEN,
        founder_kind="organisation",
        organisation_name=name,
        actor_type=actor_type,
        country=country,
        person_name=LOGINS["admin"][1],
        visibility=visibility,
    )
    admin = actor_for(founder_user, coalition)  # admin, member, chair of the steering committee
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

    for kind, (status, text) in CHARTER.items():
        services.update_policy(
            admin,
            kind=kind,
            status=status,
            text=text,
            agreed_on=AGREED_ON if status == PolicyStatus.AGREED else None,
        )
    requirements = [services.add_requirement(admin, text=text) for text in REQUIREMENTS]

    roster.import_members(admin, data=roster_file(), filename="members.csv")
    # Members whose representative has a demo login: one applies through the open door
    # and is approved; the others are registered one by one and their representative
    # invited. Either way the representative then acknowledges the code of conduct.
    for row in ORGANISATIONS:
        name, actor_type, country, area_ix, visibility, alias, login = row
        if login == "admin" or (login is None and name != AWAITING_CONDUCT):
            continue
        record = _record(name, actor_type, country, area_ix, visibility, alias)
        if login in APPLIES:
            email, person_name = LOGINS[login]
            user = take_up(ask_to_join(coalition, email), person_name)
            application = services.submit_application(
                actor_for(user, coalition),
                kind=record.kind,
                person_name=person_name,
                answers={r.id: APPLIES[login] for r in requirements},
                organisation_name=name,
                actor_type=actor_type,
                country=country,
                website=record.website,
                focus_areas=record.focus_areas,
                statement=APPLICATION_STATEMENT,
                visibility=visibility,
                alias=alias,
                contact_email=record.contact_email,
                contact_phone=record.contact_phone,
            )
            membership = services.decide_application(admin, application.id, approve=True).membership
            member = actor_for(user, coalition)
            services.acknowledge_conduct(member, membership.id)
            services.update_protection(
                member,
                membership.id,
                visibility=visibility,
                alias=alias,
                contact_address=record.contact_address,
            )
            continue
        fields = {k: v for k, v in record.as_dict().items() if k != "kind"}
        membership = roster.add_member(
            admin, kind=record.kind, status=MembershipStatus.AWAITING_CONDUCT, **fields
        )
        if login is None:
            continue
        email, person_name = LOGINS[login]
        user = take_up(invite(admin, email, membership=membership), person_name)
        services.acknowledge_conduct(actor_for(user, coalition), membership.id)
    memberships = {
        m.real_name: m
        for m in Membership.objects.filter(coalition=coalition).select_related(
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

    def role_at(position):
        if position == 0:
            return SeatRole.CHAIR
        return SeatRole.SECRETARY if position == 1 else SeatRole.MEMBER

    steering = Committee.objects.get(coalition=coalition, kind=CommitteeKind.STEERING)
    for position, index in enumerate(STEERING):
        if index != FOUNDER:  # seated as chair when she founded the coalition
            services.seat_member(
                admin,
                steering.id,
                membership_id=memberships[ORGANISATIONS[index][0]].id,
                role=role_at(position),
            )
    for name, kind, indexes in COMMITTEES:
        committee = services.create_committee(admin, name=name, kind=kind)
        for position, index in enumerate(indexes):
            services.seat_member(
                admin,
                committee.id,
                membership_id=memberships[ORGANISATIONS[index][0]].id,
                role=role_at(position),
            )

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

    email, person_name = LOGINS["custodian"]
    take_up(invite(admin, email), person_name)
    services.add_invited_person(admin, email=email)
    services.grant_staff_role(admin, email=email, role=StaffRole.CUSTODIAN)

    decisions_demo.load(coalition)
    groundwork_demo.load(actor_for(founder_user, coalition))
    load_training_plans(founder_user)

    outsider = first_account(*LOGINS["outsider"])
    services.found_coalition(
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
    return coalition


def load_training_plans(facilitator):
    """Two plans of Module 12 for the admin, who also facilitates trainings."""
    from coalesce.training import services as training

    training.create_plan(
        facilitator,
        module_id="module-12",
        title="Ninety-minute session",
        available_minutes=90,
        breaks=[{"after_item": "strengths-weaknesses", "minutes": 5, "label": "Stretch break"}],
    )
    workshop = training.create_plan(
        facilitator,
        module_id="module-12",
        title="Three-hour workshop with role play",
        available_minutes=180,
    )
    from coalesce.training import demo as training_demo

    training_demo.load_finished_session(facilitator, workshop)
