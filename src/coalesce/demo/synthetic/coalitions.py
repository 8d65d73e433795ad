"""The synthetic coalition's accounts, charter, organisations, people, memberships and
committees (see ``demo.synthetic``), written with ``bulk_create``. The order of the
random draws is part of the output: the same seed gives the same rows."""

import random

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from django_countries import countries as all_countries

from coalesce.accounts.models import User
from coalesce.coalitions.models import (
    ActorType,
    CharterPolicy,
    Coalition,
    CoalitionStaff,
    Committee,
    CommitteeKind,
    CommitteeSeat,
    FocusArea,
    Membership,
    MembershipStatus,
    Organisation,
    Person,
    PolicyKind,
    PolicyStatus,
    SeatRole,
    StaffRole,
    Visibility,
)
from coalesce.demo import coalition as demo_coalition
from coalesce.demo.synthetic.sizes import Sizes

PASSWORD = "synthetic-coalition-2026"
BATCH = 2000

# The demo coalition's focus areas, then more a large coalition would have.
FOCUS_AREAS = [
    *demo_coalition.FOCUS_AREAS,
    "Landmines and explosive remnants",
    "Nuclear disarmament",
    "Military oversight",
    "Intelligence oversight",
    "Private security",
    "Defence budgets",
    "Veterans and reintegration",
    "Women in the armed forces",
    "Community policing",
    "Transitional justice",
    "Human trafficking",
    "Cyber security and privacy",
]

PREFIXES = [
    "Women's",
    "Citizens'",
    "Regional",
    "National",
    "Community",
    "Independent",
    "Grassroots",
    "United",
    "Northern",
    "Southern",
    "Coastal",
    "Highland",
    "Urban",
    "Rural",
    "Youth",
    "Open",
    "Democratic",
    "Civic",
    "Peoples'",
    "Lakeside",
]
TOPICS = [
    "Security",
    "Justice",
    "Peace",
    "Accountability",
    "Rights",
    "Policing",
    "Oversight",
    "Safety",
    "Reform",
    "Dialogue",
    "Disarmament",
    "Governance",
    "Protection",
    "Solidarity",
    "Mediation",
]
KIND_WORDS = {
    ActorType.CSO: ["Network", "Alliance", "Initiative", "Forum", "Centre"],
    ActorType.POLITICAL_PARTY: ["Party, Women's Wing", "Caucus"],
    ActorType.PROFESSIONAL_ASSOCIATION: ["Association", "Bar Society", "Guild"],
    ActorType.RESEARCH: ["Institute", "Research Centre", "Policy Lab"],
    ActorType.ACADEMIA: ["Studies Department", "University Clinic"],
    ActorType.FAITH_BASED: ["Interfaith Council", "Faith Forum"],
    ActorType.STUDENT_GROUP: ["Student Union", "Campus Group"],
    ActorType.OVERSIGHT: ["Ombudsman", "Commission"],
    ActorType.MINISTRY: ["Ministry Gender Desk", "Ministry Unit"],
    ActorType.INTERNATIONAL: ["Programme", "Mission"],
    ActorType.MEDIA: ["Radio", "Press Collective"],
    ActorType.OTHER: ["Cooperative", "Trust"],
}
# Relative frequency of each actor type among the organisations.
TYPE_WEIGHTS = {
    ActorType.CSO: 40,
    ActorType.POLITICAL_PARTY: 3,
    ActorType.PROFESSIONAL_ASSOCIATION: 10,
    ActorType.RESEARCH: 8,
    ActorType.ACADEMIA: 8,
    ActorType.FAITH_BASED: 7,
    ActorType.STUDENT_GROUP: 5,
    ActorType.OVERSIGHT: 3,
    ActorType.MINISTRY: 2,
    ActorType.INTERNATIONAL: 5,
    ActorType.MEDIA: 6,
    ActorType.OTHER: 3,
}
FIRST_NAMES = (
    "Amina Grace Joseph Fatuma Esther Daniel Samuel Aisha Mariam Ruth Nadia Leila Sofia "
    "Ana Maria Elena Irina Olga Mei Lin Priya Anjali Nomvula Thandiwe Zainab Hawa Ngozi "
    "Chioma Adaeze Yasmin Layla Noor Sara Hana Ayesha Farida Carmen Lucia Rosa Paula "
    "Ines Julia Marta Kateryna Oksana Nino Tamar Aroha Mere Kiri Emma Claire Anne Marie "
    "Peter John Ahmed Omar Ali Hassan Tomas Pablo Luis Kofi Kwame"
).split()
LAST_NAMES = (
    "Okello Wanjiru Mutua Hassan Nakato Otieno Kiptoo Mensah Diallo Traore Ndlovu Dlamini "
    "Mahlangu Banda Phiri Mwale Haddad Khalil Rahman Chowdhury Sharma Patel Nguyen Tran "
    "Garcia Lopez Martinez Silva Santos Costa Kovalenko Shevchenko Beridze Kapanadze "
    "Petrovic Horvat Novak Kowalska Smith Jones Brown Wilson Taylor Muller Schmidt Rossi "
    "Bianchi Dubois Laurent Haugen Berg Larsen Tanaka Sato Kim Park Lee Chen Wang Ali"
).split()
CHARTER_TEXT = {
    PolicyStatus.AGREED: "Agreed by the members' assembly. The full text is kept here.",
    PolicyStatus.DRAFT: "A draft under discussion in the steering committee.",
}


def build(rng: random.Random, sizes: Sizes, slug: str) -> dict:
    """Everything of the coalition ``slug`` but its decisions and audit history: the
    rows the decisions are generated from, by name."""
    users = _accounts(sizes, slug)
    coalition, areas = _coalition(slug, users)
    organisations = _organisations(rng, sizes, coalition, areas)
    people, individuals, first_person = _people(rng, sizes, coalition, organisations, users)
    memberships = _memberships(rng, coalition, organisations, individuals)
    active = [m for m in memberships if m.status == MembershipStatus.ACTIVE]
    committees = _committees(sizes, coalition)
    seats = _seats(rng, sizes, committees, memberships, active, first_person)
    steering, groups = committees[0], committees[1:]
    return {
        "coalition": coalition,
        "users": users,
        "memberships": memberships,
        "active_ids": [m.id for m in active],
        "organisation_membership_ids": [m.id for m in memberships if m.organisation_id],
        "steering": steering,
        "committees": groups,
        "committee_members": {
            c.id: [s.membership.id for s in seats[c.id] if s.membership.status == "active"]
            for c in committees
        },
        "people": [p for p in people if p.user_id is None][:500],
        "seats": sum(len(rows) for rows in seats.values()),
    }


def _countries(n: int) -> list[str]:
    codes = sorted(code for code, _name in all_countries)
    step = len(codes) / n
    return [codes[int(i * step)] for i in range(n)]


def _accounts(sizes: Sizes, slug: str) -> dict:
    """The named logins by role, and the voters' accounts under ``"voters"``."""
    domain = f"{slug}.coalesce.test"
    password = make_password(PASSWORD)  # hashed once (Argon2 is slow on purpose)
    named = {
        "admin": "Amina Administrator",
        "custodian": "Esther Custodian",
        "steering": "Grace Steering",
        "chair": "Joseph Chair",
        "member": "Fatuma Member",
    }
    users = {
        role: User(email=f"{role}@{domain}", display_name=name, password=password)
        for role, name in named.items()
    }
    voters = [
        User(email=f"voter{n}@{domain}", display_name=f"Voter {n}", password=password)
        for n in range(sizes.voters)
    ]
    User.objects.bulk_create([*users.values(), *voters])
    users["voters"] = voters
    return users


def _coalition(slug: str, users: dict) -> tuple[Coalition, list[FocusArea]]:
    """The coalition with its charter, staff and focus areas."""
    coalition = Coalition.objects.create(
        slug=slug,
        name=f"Synthetic Coalition ({slug})",
        purpose="A generated coalition at the size of the largest real ones, for benchmarks.",
        languages="en, fr, es",
    )
    statuses = [PolicyStatus.AGREED] * 6 + [PolicyStatus.DRAFT] * 2 + [PolicyStatus.MISSING]
    agreed_on = timezone.localdate().replace(day=1)
    CharterPolicy.objects.bulk_create(
        CharterPolicy(
            coalition=coalition,
            kind=kind,
            status=status,
            text=CHARTER_TEXT.get(status, ""),
            agreed_on=agreed_on if status == PolicyStatus.AGREED else None,
        )
        for kind, status in zip(PolicyKind.values, statuses, strict=True)
    )
    CoalitionStaff.objects.bulk_create(
        [
            CoalitionStaff(coalition=coalition, user=users["admin"], role=StaffRole.ADMIN),
            CoalitionStaff(coalition=coalition, user=users["custodian"], role=StaffRole.CUSTODIAN),
        ]
    )
    areas = FocusArea.objects.bulk_create(
        FocusArea(coalition=coalition, name=name) for name in FOCUS_AREAS
    )
    return coalition, areas


def _organisations(rng, sizes: Sizes, coalition, areas) -> list[Organisation]:
    """Every actor type (then weighted), spread over the countries, with focus areas."""
    countries = _countries(sizes.countries)
    types = list(TYPE_WEIGHTS)
    weights = list(TYPE_WEIGHTS.values())
    used, organisations = set(), []
    for i in range(sizes.organisations):
        actor_type = types[i] if i < len(types) else rng.choices(types, weights)[0]
        country = countries[i] if i < len(countries) else rng.choice(countries)
        name = f"{rng.choice(PREFIXES)} {rng.choice(TOPICS)} {rng.choice(KIND_WORDS[actor_type])}"
        if name.lower() in used:
            name = f"{name} {i}"
        used.add(name.lower())
        organisations.append(
            Organisation(
                coalition=coalition,
                name=name,
                actor_type=actor_type,
                country=country,
                website=f"https://org{i}.example.org/" if i % 3 == 0 else "",
            )
        )
    Organisation.objects.bulk_create(organisations, batch_size=BATCH)
    through = Organisation.focus_areas.through
    through.objects.bulk_create(
        (
            through(organisation_id=org.id, focusarea_id=area.id)
            for org in organisations
            for area in rng.sample(areas, rng.randint(1, 3))
        ),
        batch_size=BATCH,
    )
    return organisations


def _people(rng, sizes: Sizes, coalition, organisations, users) -> tuple[list, list, dict]:
    """The organisations' people (the logins represent the first organisations), the
    individual members, and each organisation's first person by index."""

    def full_name():
        return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"

    per_org, extra = divmod(sizes.people - sizes.individuals, sizes.organisations)
    logins = [users["steering"], users["chair"], users["member"], *users["voters"]]
    people, first_person = [], {}
    for i, org in enumerate(organisations):
        for k in range(per_org + (1 if i < extra else 0)):
            user = logins[i] if k == 0 and i < len(logins) else None
            person = Person(
                coalition=coalition,
                organisation=org,
                user=user,
                full_name=user.display_name if user else full_name(),
            )
            people.append(person)
            first_person.setdefault(i, person)
    individuals = [
        Person(coalition=coalition, full_name=full_name()) for _ in range(sizes.individuals)
    ]
    Person.objects.bulk_create([*people, *individuals], batch_size=BATCH)
    return people, individuals, first_person


def _memberships(rng, coalition, organisations, individuals) -> list[Membership]:
    """Mostly members-only or public; some steering-only and pseudonymous; contact
    details (encrypted at rest) for one membership in ten."""
    visibilities = [Visibility.PUBLIC, Visibility.MEMBERS, Visibility.STEERING]
    visibilities.append(Visibility.PSEUDONYMOUS)
    v_weights = [40, 45, 10, 5]
    memberships = []
    for i, org in enumerate(organisations):
        visibility = Visibility.PUBLIC if i < 3 else rng.choices(visibilities, v_weights)[0]
        memberships.append(
            Membership(
                coalition=coalition,
                organisation=org,
                status=MembershipStatus.ACTIVE,
                visibility=visibility,
                alias=f"Member {rng.choice(TOPICS)} {i:05d}"
                if visibility == Visibility.PSEUDONYMOUS
                else "",
                conduct_acknowledged_at=timezone.now(),
                **_contacts(i),
            )
        )
    individual_statuses = [
        MembershipStatus.AWAITING_CONDUCT,
        MembershipStatus.SUSPENDED,
        MembershipStatus.ENDED,
    ] + [MembershipStatus.ACTIVE] * 17
    for j, person in enumerate(individuals):
        i = len(organisations) + j
        visibility = rng.choices(visibilities, v_weights)[0]
        status = individual_statuses[j % len(individual_statuses)]
        memberships.append(
            Membership(
                coalition=coalition,
                person=person,
                status=status,
                visibility=visibility,
                alias=f"Member {rng.choice(TOPICS)} {i:05d}"
                if visibility == Visibility.PSEUDONYMOUS
                else "",
                status_reason="Paused at the member's request."
                if status == MembershipStatus.SUSPENDED
                else "",
                conduct_acknowledged_at=None
                if status == MembershipStatus.AWAITING_CONDUCT
                else timezone.now(),
                **_contacts(i),
            )
        )
    Membership.objects.bulk_create(memberships, batch_size=BATCH)
    return memberships


def _contacts(i: int) -> dict:
    if i % 10:
        return {}
    return {
        "contact_email": f"office{i}@member{i}.example.org",
        "contact_phone": f"+1 555 {i:07d}",
    }


def _committees(sizes: Sizes, coalition) -> list[Committee]:
    """The steering committee first, then the working groups."""
    kinds = [
        CommitteeKind.PUBLICITY,
        CommitteeKind.LOBBYING,
        CommitteeKind.FUNDRAISING,
        CommitteeKind.EVENTS,
        CommitteeKind.CUSTOM,
    ]
    committees = [
        Committee(coalition=coalition, name="Steering committee", kind=CommitteeKind.STEERING)
    ]
    for n in range(sizes.committees - 1):
        kind = kinds[n % len(kinds)]
        area = FOCUS_AREAS[n % len(FOCUS_AREAS)]
        committees.append(
            Committee(
                coalition=coalition,
                name=f"{area} working group {n + 1}",
                kind=kind,
                custom_role="Thematic working group" if kind == CommitteeKind.CUSTOM else "",
                description=f"Coordinates the coalition's work on {area.lower()}.",
            )
        )
    Committee.objects.bulk_create(committees)
    return committees


def _seats(rng, sizes: Sizes, committees, memberships, active, first_person) -> dict:
    """Every active member sits on one to three working groups, but one in twenty on
    none (the dashboard lists those). The seats by committee id."""
    steering, groups = committees[0], committees[1:]
    seats = {c.id: [] for c in committees}

    def seat(committee, index):
        membership = memberships[index]
        person = None
        if membership.organisation_id and rng.random() < 0.5:
            person = first_person[index]
        seats[committee.id].append(CommitteeSeat(membership=membership, person=person))

    # Steering: organisation 0 (the steering login) and fourteen others.
    others = range(3, sizes.organisations)
    steering_members = [0, *rng.sample(others, min(14, len(others)))]
    for index in steering_members:
        seat(steering, index)
    seat(groups[0], 1)  # the chair login chairs the first working group
    seat(groups[-1], 2)  # the member login sits on the last one
    by_index = {m.id: i for i, m in enumerate(memberships)}
    for membership in active:
        index = by_index[membership.id]
        if index in (1, 2) or rng.random() < 0.05:
            continue
        for committee in rng.sample(groups, min(len(groups), rng.randint(1, 3))):
            seat(committee, index)
    rows = []
    for committee in committees:
        for n, row in enumerate(seats[committee.id]):
            row.committee = committee
            row.role = SeatRole.CHAIR if n == 0 else SeatRole.SECRETARY if n == 1 else "member"
            if committee is groups[-1] and row.membership is memberships[2]:
                row.role = SeatRole.MEMBER
            rows.append(row)
    CommitteeSeat.objects.bulk_create(rows, batch_size=BATCH)
    return seats
