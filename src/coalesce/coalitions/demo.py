"""A realistic, fictional coalition to explore Coalesce with, with a login for every role.

Names of organisations and people are invented. Loading is idempotent: the demo is
created once and left alone afterwards.
"""

from datetime import date

from django.db import transaction

from coalesce.accounts.models import User
from coalesce.coalitions import services
from coalesce.coalitions.models import (
    Application,
    ApplicationAnswer,
    CharterPolicy,
    Coalition,
    CoalitionStaff,
    Committee,
    CommitteeKind,
    CommitteeSeat,
    EligibilityRequirement,
    FocusArea,
    Membership,
    MembershipStatus,
    Organisation,
    Person,
    PolicyStatus,
    SeatRole,
    StaffRole,
    Visibility,
)
from coalesce.decisions import demo as decisions_demo

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
    ("Institute for Security Governance Studies", "research", "KE", [2, 0], "public", "", None),
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
STEERING = [0, 3, 7, 13]  # seat indexes into ORGANISATIONS

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

PENDING_APPLICATIONS = [
    ("applicant", "organisation", "Coastal Fisherwomen's Association", "cso", "TZ"),
    (None, "organisation", "Society of Retired Police Officers", "professional_association", "KE"),
    (None, "person", "", "", "UG"),
]


def users() -> dict[str, User]:
    found = {}
    for role, (email, name) in LOGINS.items():
        user = User.objects.filter(email=email).first()
        found[role] = user or User.objects.create_user(email, DEMO_PASSWORD, display_name=name)
    return found


def contact_for(name: str) -> dict:
    handle = "".join(ch for ch in name.lower() if ch.isalnum())[:16]
    return {
        "contact_email": f"{handle}@example.org",
        "contact_phone": "+254 700 000 000",
        "contact_address": "P.O. Box 100, Nairobi",
    }


@transaction.atomic
def load() -> Coalition | None:
    """Create the demo coalition once; return it, or None when it already exists."""
    if Coalition.objects.filter(slug=DEMO_SLUG).exists():
        return None
    people = users()
    coalition = services.create_coalition(
        user=people["admin"],
        name="Safer Communities Coalition",
        slug=DEMO_SLUG,
        purpose=(
            "Women's organisations, oversight bodies, researchers and faith groups in East "
            "Africa working together for police and justice institutions that protect "
            "everyone, and for women's full part in reforming them."
        ),
        languages="en, sw, fr",
    )
    areas = [FocusArea.objects.create(coalition=coalition, name=n) for n in FOCUS_AREAS]
    memberships = []
    for name, actor_type, country, area_ix, visibility, alias, login in ORGANISATIONS:
        organisation = Organisation.objects.create(
            coalition=coalition,
            name=name,
            actor_type=actor_type,
            country=country,
            website="https://example.org/" + name.split()[0].lower(),
        )
        organisation.focus_areas.set([areas[i] for i in area_ix])
        Person.objects.create(
            coalition=coalition,
            organisation=organisation,
            user=people[login] if login else None,
            full_name=LOGINS[login][1] if login else f"Representative of {name}",
        )
        memberships.append(
            Membership.objects.create(
                coalition=coalition,
                organisation=organisation,
                visibility=visibility,
                alias=alias,
                status=MembershipStatus.ACTIVE,
                conduct_acknowledged_at=coalition.created_at,
                **contact_for(name),
            )
        )
    # one member still has to acknowledge the code of conduct, one is suspended
    memberships[-1].status = MembershipStatus.AWAITING_CONDUCT
    memberships[-1].save(update_fields=["status"])
    memberships[-2].status = MembershipStatus.SUSPENDED
    memberships[-2].status_reason = "Has not taken part in any committee for a year."
    memberships[-2].save(update_fields=["status", "status_reason"])
    independent = Person.objects.create(coalition=coalition, full_name="Dr. Mary Achieng")
    Membership.objects.create(
        coalition=coalition,
        person=independent,
        visibility=Visibility.MEMBERS,
        status=MembershipStatus.ACTIVE,
        **contact_for("Mary Achieng"),
    )

    steering = Committee.objects.get(coalition=coalition, kind=CommitteeKind.STEERING)
    for position, index in enumerate(STEERING):
        role = (
            SeatRole.CHAIR
            if position == 0
            else (SeatRole.SECRETARY if position == 1 else SeatRole.MEMBER)
        )
        CommitteeSeat.objects.create(committee=steering, membership=memberships[index], role=role)
    for name, kind, indexes in COMMITTEES:
        committee = Committee.objects.create(coalition=coalition, name=name, kind=kind)
        for position, index in enumerate(indexes):
            role = (
                SeatRole.CHAIR
                if position == 0
                else (SeatRole.SECRETARY if position == 1 else SeatRole.MEMBER)
            )
            CommitteeSeat.objects.create(
                committee=committee, membership=memberships[index], role=role
            )

    for kind, (status, text) in CHARTER.items():
        CharterPolicy.objects.filter(coalition=coalition, kind=kind).update(
            status=status,
            text=text,
            agreed_on=date(2026, 3, 14) if status == PolicyStatus.AGREED else None,
        )
    requirements = [
        EligibilityRequirement.objects.create(coalition=coalition, text=t, position=i)
        for i, t in enumerate(REQUIREMENTS)
    ]
    for n, (login, kind, org_name, actor_type, country) in enumerate(PENDING_APPLICATIONS):
        applicant = (
            people[login]
            if login
            else User.objects.create_user(f"applicant{n}@demo.coalesce.test", DEMO_PASSWORD)
        )
        application = Application.objects.create(
            coalition=coalition,
            applicant=applicant,
            kind=kind,
            organisation_name=org_name,
            actor_type=actor_type,
            country=country,
            person_name=applicant.display_name or "Ruth Namukasa",
            statement="We would like to join the coalition's work on police accountability.",
            contact_email=applicant.email,
        )
        ApplicationAnswer.objects.bulk_create(
            ApplicationAnswer(application=application, requirement=r, answer="Yes — see above.")
            for r in requirements
        )
    CoalitionStaff.objects.create(
        coalition=coalition, user=people["custodian"], role=StaffRole.CUSTODIAN
    )
    Person.objects.create(coalition=coalition, user=people["custodian"], full_name="Esther Nakato")
    decisions_demo.load(coalition)
    load_training_plans(people["admin"])

    other = services.create_coalition(
        user=people["outsider"],
        name="Coastal Justice Network",
        slug="coastal-justice",
        purpose="A separate coalition, to show that coalitions never see each other's members.",
    )
    organisation = Organisation.objects.create(
        coalition=other, name="Coast Paralegals", actor_type="cso", country="KE"
    )
    Person.objects.create(
        coalition=other,
        organisation=organisation,
        user=people["outsider"],
        full_name="Samuel Kiptoo",
    )
    Membership.objects.create(
        coalition=other, organisation=organisation, status=MembershipStatus.ACTIVE
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
