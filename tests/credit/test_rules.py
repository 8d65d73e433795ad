"""The acknowledgement line as a pure function: who is named, who is counted, in what order."""

from hypothesis import given
from hypothesis import strategies as st

from coalesce.credit import rules
from coalesce.credit.models import Consent, CreditRole, Degree, NameOrder

ROLES = CreditRole.values
NAMES = [f"Member {chr(65 + i)}{chr(97 + i)}" for i in range(8)]


def entries_strategy():
    entry = st.builds(
        lambda member, role, degree, consent, hidden, person: rules.Entry(
            member=member,
            name=None if hidden else NAMES[member],
            is_organisation=not person,
            role=role,
            degree=degree,
            consent=consent,
            joined=(member * 7) % 5,
        ),
        st.integers(0, len(NAMES) - 1),
        st.sampled_from(ROLES),
        st.sampled_from(Degree.values),
        st.sampled_from(Consent.values),
        st.booleans(),
        st.booleans(),
    )
    # a member is one member: the same visibility and kind on each of its entries
    return st.lists(entry, max_size=20).map(_consistent)


def _consistent(entries):
    first = {}
    for e in entries:
        first.setdefault(e.member, e)
    return [
        rules.Entry(
            e.member,
            first[e.member].name,
            first[e.member].is_organisation,
            e.role,
            e.degree,
            e.consent,
            e.joined,
        )
        for e in entries
    ]


rules_strategy = st.builds(
    rules.Rules,
    roles=st.frozensets(st.sampled_from(ROLES), min_size=1),
    order=st.sampled_from(NameOrder.values),
    count_unnamed=st.booleans(),
    minimum_degree=st.sampled_from(Degree.values),
)


def expected(entries, policy):
    earning = [e for e in entries if rules.earns_credit(e, policy)]
    members = {e.member for e in earning}
    named = {
        m
        for m in members
        if all(e.consent == Consent.PUBLIC for e in earning if e.member == m)
        and next(e for e in earning if e.member == m).name
    }
    return earning, members, named


@given(entries_strategy(), rules_strategy)
def test_names_exactly_the_consenting_visible_contributors(entries, policy):
    line = rules.acknowledgement(entries, policy)
    _earning, _members, named = expected(entries, policy)
    assert sorted(line.names) == sorted(NAMES[m] for m in named)


@given(entries_strategy(), rules_strategy)
def test_counts_every_other_credited_member_when_the_policy_counts(entries, policy):
    line = rules.acknowledgement(entries, policy)
    earning, members, named = expected(entries, policy)
    unnamed = members - named
    organisations = {e.member for e in earning if e.member in unnamed and e.is_organisation}
    if policy.count_unnamed:
        assert line.unnamed_organisations == len(organisations)
        assert line.unnamed_people == len(unnamed) - len(organisations)
    else:
        assert line.unnamed_organisations == line.unnamed_people == 0


@given(entries_strategy(), rules_strategy)
def test_a_name_the_reader_may_not_see_never_appears(entries, policy):
    line = rules.acknowledgement(entries, policy)
    for member in {e.member for e in entries if e.name is None}:
        assert NAMES[member] not in line.text
    for name in line.names:
        assert name in line.text
    assert bool(line.text) == bool(line.names or line.unnamed_organisations or line.unnamed_people)


@given(entries_strategy(), rules_strategy, st.randoms())
def test_names_follow_the_policy_order_whatever_the_entries_order(entries, policy, random):
    line = rules.acknowledgement(entries, policy)
    shuffled = list(entries)
    random.shuffle(shuffled)
    assert rules.acknowledgement(shuffled, policy) == line
    earning = [e for e in entries if rules.earns_credit(e, policy)]

    def best(name):
        return min(Degree.values.index(e.degree) for e in earning if e.name == name)

    keys = {
        NameOrder.ALPHABETICAL: lambda n: n.casefold(),
        NameOrder.DEGREE_ALPHABETICAL: lambda n: (best(n), n.casefold()),
        NameOrder.DEGREE_JOINED: lambda n: (
            best(n),
            next(e.joined for e in earning if e.name == n),
            n.casefold(),
        ),
    }
    assert list(line.names) == sorted(line.names, key=keys[policy.order])


def test_the_line_reads_like_a_sentence():
    def entry(member, name, degree="lead", consent="public", organisation=True):
        return rules.Entry(member, name, organisation, "drafting", degree, consent)

    policy = rules.Rules(roles=frozenset(ROLES))
    line = rules.acknowledgement(
        [
            entry(1, "Open Hands", "equal"),
            entry(2, "Justice Watch"),
            entry(3, None),
            entry(4, "Quiet", consent="private"),
            entry(5, "Ada", organisation=False, consent="private"),
            entry(6, "Declined", consent="none"),
        ],
        policy,
    )
    assert line.text == (
        "With contributions from Justice Watch, Open Hands, two member organisations "
        "and one individual member."
    )
    assert rules.acknowledgement([entry(3, None)], policy).text == (
        "With contributions from one member organisation."
    )
    silent = rules.Rules(roles=frozenset(ROLES), count_unnamed=False)
    assert rules.acknowledgement([entry(3, None)], silent).text == ""


def test_the_minimum_degree_and_the_roles_decide_what_earns_credit():
    lead_only = rules.Rules(roles=frozenset({"drafting"}), minimum_degree="lead")
    assert rules.earns_credit(rules.Entry(1, "A", True, "drafting", "lead", "public"), lead_only)
    assert not rules.earns_credit(
        rules.Entry(1, "A", True, "drafting", "equal", "public"), lead_only
    )
    assert not rules.earns_credit(
        rules.Entry(1, "A", True, "research", "lead", "public"), lead_only
    )
    assert rules.degrees_meeting("equal") == ("lead", "equal")
