"""A synthetic coalition at the size of the largest real ones, for scale benchmarks.

``generate(factor=1, seed=1)`` makes, at factor 1: one coalition with 1,500 member
organisations of every actor type in 100 countries, 200 individual members, 20,000
people, 50 committees with seats, and (``decisions.synthetic``) 2,000 proposals with
200,000 ballots plus 20 proposals on which every organisation voted. ``factor``
multiplies the counts (0.01 for tests, 10 for the growth benchmark).

Rows are built in Python and written with ``bulk_create``: no per-row saves and no
per-row audit events. Closed proposals store the outcome the real close computes
(``services.stored_result`` of ``tally.decide`` over the generated counts), so pages
show consistent figures. The coalition's audit history is appended to the one hash
chain (computed here, then written in bulk), so ``coalesce verify_audit`` still passes,
and one event records the generation itself.

Everything but timestamps follows from ``seed``: the same seed and factor give the
same names, memberships, seats, ballots and outcomes. Login accounts (password
``PASSWORD``): ``admin@<slug>.coalesce.test`` (administrator), ``custodian@…``,
``steering@…`` (steering committee), ``chair@…`` (chairs a committee), ``member@…``
and ``voter<n>@…`` (representatives of member organisations).
"""

import hashlib
import random
import time
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from coalesce.accounts.models import User
from coalesce.audit import log
from coalesce.audit.models import AuditEvent
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

SLUG = "synthetic"
PASSWORD = "synthetic-coalition-2026"
BATCH = 2000

FOCUS_AREAS = [
    "Police reform",
    "Gender-based violence",
    "Parliamentary oversight",
    "Justice and courts",
    "Border security",
    "Prisons",
    "Peacebuilding",
    "Small arms control",
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


@dataclass(frozen=True)
class Sizes:
    organisations: int
    individuals: int
    people: int
    countries: int
    committees: int
    proposals: int
    ballots: int
    big_proposals: int
    open_proposals: int
    drafts: int
    voters: int
    audit_events: int

    @classmethod
    def for_factor(cls, factor: float) -> "Sizes":
        def scale(n, low=1):
            return max(low, round(n * factor))

        organisations = scale(1500, len(ActorType.values))
        individuals = scale(200, 2)
        return cls(
            organisations=organisations,
            individuals=individuals,
            people=max(scale(20_000), organisations + individuals),
            countries=min(100, organisations),
            committees=scale(50, 3),
            proposals=scale(2000, 10),
            ballots=scale(200_000, 100),
            big_proposals=min(20, scale(20)),
            open_proposals=scale(40, 2),
            drafts=scale(20, 1),
            voters=max(1, min(64, organisations - 3)),
            audit_events=scale(2000, 10),
        )


def _countries(n: int) -> list[str]:
    from django_countries import countries

    codes = sorted(code for code, _name in countries)
    step = len(codes) / n
    return [codes[int(i * step)] for i in range(n)]


def _chunks(items, size=BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def generate(*, factor: float = 1.0, seed: int = 1, slug: str = SLUG, log_to=None) -> dict:
    """Create the synthetic coalition ``slug``; returns counts and timings."""
    from coalesce.decisions import synthetic as decisions_synthetic

    sizes = Sizes.for_factor(factor)
    rng = random.Random(seed)
    timings = {}
    started = time.perf_counter()

    def step(name):
        timings[name] = round(time.perf_counter() - started - sum(timings.values()), 2)
        if log_to:
            log_to(f"  {name}: {timings[name]} s")

    with transaction.atomic():
        if Coalition.objects.filter(slug=slug).exists():
            raise ValueError(f"A coalition with the address {slug!r} already exists.")
        world = _coalition(rng, sizes, slug)
        step("accounts, coalition, organisations, people, memberships, committees")
        decisions = decisions_synthetic.generate(rng, sizes, world)
        step("proposals, electors and ballots")
        _audit_history(rng, sizes, world)
        log.record(
            actor=world["users"]["admin"],
            action="synthetic.generate",
            obj=world["coalition"],
            coalition=world["coalition"],
        )
        step("audit history")
    return {
        "slug": slug,
        "factor": factor,
        "seed": seed,
        "seconds": round(time.perf_counter() - started, 2),
        "steps": timings,
        "counts": {
            "organisations": sizes.organisations,
            "countries": sizes.countries,
            "individual members": sizes.individuals,
            "people": sizes.people,
            "memberships": sizes.organisations + sizes.individuals,
            "committees": sizes.committees,
            "committee seats": world["seats"],
            **decisions,
            "audit events": sizes.audit_events + 1,
        },
        "logins": {role: user.email for role, user in world["users"].items() if role != "voters"}
        | {"voters": [u.email for u in world["users"]["voters"]]},
        "password": PASSWORD,
    }


def _coalition(rng: random.Random, sizes: Sizes, slug: str) -> dict:
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

    # Organisations: every actor type (then weighted), spread over the countries.
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

    # People: the organisations' representatives, then the individual members.
    def full_name():
        return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"

    per_org, extra = divmod(sizes.people - sizes.individuals, sizes.organisations)
    logins = [users["steering"], users["chair"], users["member"], *voters]
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

    # Memberships: mostly members-only or public; some steering-only and pseudonymous;
    # contact details (encrypted at rest) for one membership in ten.
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
    active = [m for m in memberships if m.status == MembershipStatus.ACTIVE]

    # Committees: the steering committee and working groups; every active member sits
    # on one to three of them, but one in twenty on none (the dashboard lists those).
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
        "seats": len(rows),
    }


def _contacts(i: int) -> dict:
    if i % 10:
        return {}
    return {
        "contact_email": f"office{i}@member{i}.example.org",
        "contact_phone": f"+1 555 {i:07d}",
    }


def _audit_history(rng: random.Random, sizes: Sizes, world: dict) -> None:
    """Past audit events of the coalition (contact reads, status changes, exports),
    appended to the keyed hash chain by ``audit.log.append``, as ``record`` does."""
    coalition, users = world["coalition"], world["users"]
    staff = [users["admin"], users["custodian"], users["steering"]]
    memberships = world["memberships"]
    now = timezone.now()
    events = []
    for n in range(sizes.audit_events):
        actor = rng.choice(staff)
        kind = rng.random()
        if kind < 0.6:
            action, obj_type, fields = "membership.view_contacts", "membership", ["contact_email"]
            obj_id = rng.choice(memberships).id
        elif kind < 0.9:
            action, obj_type, fields = "membership.status", "membership", ["status"]
            obj_id = rng.choice(memberships).id
        else:
            action, obj_type, fields = "members.export", "coalition", []
            obj_id = coalition.id
        events.append(
            AuditEvent(
                at=now - (sizes.audit_events - n) * timezone.timedelta(seconds=1),
                actor=actor,
                actor_ref=actor.pk,
                coalition=coalition,
                coalition_ref=coalition.pk,
                action=action,
                object_type=obj_type,
                object_id=str(obj_id),
                fields=sorted(fields),
            )
        )
    log.append(events)


def fingerprint(slug: str = SLUG) -> str:
    """A digest of the generated content (not ids or timestamps): equal for equal seeds."""
    from coalesce.decisions.models import Ballot, Proposal, SecretBallot

    coalition = Coalition.objects.get(slug=slug)
    parts = [
        list(
            Organisation.objects.filter(coalition=coalition)
            .order_by("id")
            .values_list("name", "actor_type", "country")
        ),
        list(Person.objects.filter(coalition=coalition).order_by("id").values_list("full_name")),
        list(
            Membership.objects.filter(coalition=coalition)
            .order_by("id")
            .values_list("status", "visibility", "alias")
        ),
        list(
            CommitteeSeat.objects.filter(committee__coalition=coalition)
            .order_by("id")
            .values_list("committee__name", "role")
        ),
        list(
            Proposal.objects.filter(coalition=coalition)
            .order_by("id")
            .values_list("title", "status", "outcome", "category__slug")
        ),
        [p.result for p in Proposal.objects.filter(coalition=coalition).order_by("id")],
        list(
            Ballot.objects.filter(proposal__coalition=coalition)
            .order_by("id")
            .values_list("position")
        ),
        list(
            SecretBallot.objects.filter(proposal__coalition=coalition)
            .order_by("position")
            .values_list("position")
        ),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()
