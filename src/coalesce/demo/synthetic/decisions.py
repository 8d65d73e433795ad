"""The decisions of the synthetic coalition (see ``demo.synthetic``).

Categories with rules of every method and electorate; at factor 1, 2,000 proposals
(closed ones over the past four years, some open now, some drafts) with 200,000 ballots
in total, open and secret, plus 20 closed proposals on which every member organisation
voted. Each proposal that opened has its electorate as ``Elector`` rows (as
``services.open_proposal`` fixes it); a closed proposal stores the outcome that
``services.close_proposal`` would compute from its ballots (``tally.decide`` over the
same counts, stored with ``services.stored_result``).
"""

import random
from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from coalesce.decisions import mix, services, tally
from coalesce.decisions.models import (
    Ballot,
    Category,
    Comment,
    Elector,
    Electorate,
    Method,
    Position,
    Proposal,
    ProposalStatus,
    Rule,
    SecretBallot,
)
from coalesce.demo.synthetic.coalitions import FOCUS_AREAS

BATCH = 5000
CHUNK = 100  # proposals whose electors and ballots are built and written together

# key, name, method, electorate, secret, window hours, share of the regular proposals
CATEGORIES = [
    ("charter", "Charter and decision rules", Method.QUALIFIED_MAJORITY, "all", False, 336, 1),
    ("assembly", "Members' assembly", Method.SIMPLE_MAJORITY, "all", False, 168, 2),
    ("budget", "Budget", Method.QUALIFIED_MAJORITY, "all", False, 168, 2),
    ("statements", "Joint statements", Method.CONSENSUS, "steering", False, 72, 10),
    ("new-members", "New members", Method.SIMPLE_MAJORITY, "steering", True, 168, 10),
    ("day-to-day", "Day-to-day matters", Method.CONSENT, "steering", False, 48, 10),
]
COMMITTEE_SHARE = 65  # the rest: committee business, one category per working group
COMMITTEE_CATEGORIES = 10

TITLES = {
    "charter": "Amend the {area} clause of the charter",
    "assembly": "Coalition position on {area}",
    "budget": "Fund the {area} campaign from the core grant",
    "statements": "Joint statement on {area}",
    "new-members": "Admit a new member working on {area}",
    "day-to-day": "Update the {area} mailing list arrangements",
    "committee": "Working-group plan for {area}",
}
BODY = (
    "## Proposal\n\n"
    "The {name} proposes that the coalition acts on **{area}** this quarter.\n\n"
    "## Why\n\n"
    "Members raised it at the last meeting; {n} organisations asked for a decision.\n\n"
    "## What it costs\n\n"
    "Staff time of the secretariat and the working group; no new spending.\n"
)


def _positions(method, rng: random.Random):
    """A position generator for one proposal: each proposal has its own leaning."""
    if method in (Method.SIMPLE_MAJORITY, Method.QUALIFIED_MAJORITY):
        yes = rng.uniform(0.3, 0.8)
        weights = [yes, (1 - yes) * 0.75, (1 - yes) * 0.25]
        options = [Position.YES, Position.NO, Position.ABSTAIN]
    elif method == Method.CONSENSUS:
        block = 0.02 if rng.random() < 0.2 else 0.0
        weights = [0.8, 0.1, 0.1 - block, block]
        options = [Position.AGREE, Position.ABSTAIN, Position.STAND_ASIDE, Position.BLOCK]
    else:
        objection = 0.02 if rng.random() < 0.2 else 0.0
        weights = [0.85, 0.15 - objection, objection]
        options = [Position.CONSENT, Position.ABSTAIN, Position.OBJECT]
    return lambda: rng.choices(options, weights)[0]


def generate(rng: random.Random, sizes, world: dict) -> dict:
    """The decisions of the coalition in ``world``; their counts."""
    users = world["users"]
    authors = [users["steering"], users["chair"], users["member"], *users["voters"]]
    areas = [a.lower() for a in FOCUS_AREAS]
    rules, shares, electorates = _rules(sizes, world)
    plan, ballots_for = _plan(rng, sizes, world, shares, electorates)
    proposals = _proposals(rng, world["coalition"], plan, rules, authors, areas)
    counts = _electors_and_ballots(rng, world, proposals, plan, ballots_for, electorates)
    comments = _comments(rng, proposals, authors, areas)
    by_status = {s: sum(p.status == s for p in proposals) for s in ProposalStatus.values}
    return {
        "proposals": len(proposals),
        "proposals closed / open / draft": "{closed} / {open} / {draft}".format(**by_status),
        "proposals every organisation voted on": sizes.big_proposals,
        **counts,
        "ballots": counts["ballots (open)"] + counts["ballots (secret)"],
        "comments": len(comments),
    }


def _rules(sizes, world: dict) -> tuple[dict, dict, dict]:
    """Categories and their rules (version 1; no rule changes). By category key: the
    rule, the category's share of the proposals, and its electorate (membership ids)."""
    electorates = {
        "all": world["active_ids"],
        "steering": world["committee_members"][world["steering"].id],
    }
    terms, shares = {}, {}
    # Decisions of all members stay about a hundred whatever the size: with ten times
    # the members and ten times the proposals, electors would otherwise grow a
    # hundredfold (a full assembly of 17,000 members a thousand times).
    crowd = max(1.0, sizes.organisations / 1500)
    for key, name, method, electorate, secret, window, share in CATEGORIES:
        terms[key] = (name, method, electorate, secret, window)
        shares[key] = share / crowd if electorate == "all" else share
    for n, committee in enumerate(world["committees"][:COMMITTEE_CATEGORIES]):
        key = f"committee-{n + 1}"
        terms[key] = (f"{committee.name} business", Method.SIMPLE_MAJORITY, committee, False, 168)
        electorates[committee] = world["committee_members"][committee.id]
        shares[key] = COMMITTEE_SHARE / min(COMMITTEE_CATEGORIES, len(world["committees"]))
    categories = Category.objects.bulk_create(
        Category(coalition=world["coalition"], slug=key, name=name)
        for key, (name, *_) in terms.items()
    )
    category_of = {c.slug: c for c in categories}
    rules = {}
    for key, (_name, method, electorate, secret, window) in terms.items():
        is_committee = not isinstance(electorate, str)
        rules[key] = Rule(
            category=category_of[key],
            version=1,
            method=method,
            threshold_numerator=2 if method == Method.QUALIFIED_MAJORITY else 1,
            threshold_denominator=3 if method == Method.QUALIFIED_MAJORITY else 2,
            electorate=Electorate.COMMITTEE
            if is_committee
            else Electorate.ALL_MEMBERS
            if electorate == "all"
            else Electorate.STEERING,
            committee=electorate if is_committee else None,
            quorum_percent=50 if electorate == "all" else 60,
            window_hours=window,
            secret=secret,
        )
    Rule.objects.bulk_create(list(rules.values()))
    return rules, shares, {key: electorates[t[2]] for key, t in terms.items()}


def _plan(rng: random.Random, sizes, world: dict, shares: dict, electorates: dict):
    """Which proposal is what, in chronological order: ``[category key, status, every
    organisation votes]`` for each, and how many ballots each gets."""
    keys, weights = list(shares), list(shares.values())
    n_open, n_drafts = sizes.open_proposals, sizes.drafts
    n_closed = sizes.proposals - n_open - n_drafts
    plan = [[rng.choices(keys, weights)[0], ProposalStatus.CLOSED, False] for _ in range(n_closed)]
    for n in range(n_open):
        plan.append([keys[1] if n == 0 else rng.choices(keys, weights)[0], "open", False])
    ballots_for = _ballot_budget(rng, [len(electorates[p[0]]) for p in plan], sizes.ballots)
    # The proposals on which every organisation voted, spread among the closed ones.
    for n in range(sizes.big_proposals):
        at = (n + 1) * n_closed // (sizes.big_proposals + 1) + n
        plan.insert(at, ["assembly", ProposalStatus.CLOSED, True])
        ballots_for.insert(at, len(world["organisation_membership_ids"]))
    plan += [[rng.choices(keys, weights)[0], ProposalStatus.DRAFT, False] for _ in range(n_drafts)]
    ballots_for += [0] * n_drafts
    return plan, ballots_for


def _proposals(rng: random.Random, coalition, plan, rules, authors, areas) -> list[Proposal]:
    """The planned proposals: closed ones spread over four years, open ones now."""
    now = timezone.now().replace(microsecond=0)
    first = now - timedelta(days=4 * 365)
    n_past = sum(status == ProposalStatus.CLOSED for _key, status, _everyone in plan)
    step = (now - timedelta(days=14) - first) / max(1, n_past)
    proposals = []
    for n, (key, status, _everyone) in enumerate(plan):
        rule = rules[key]
        area = rng.choice(areas)
        kind = "committee" if key.startswith("committee") else key
        proposal = Proposal(
            coalition=coalition,
            category=rule.category,
            title=TITLES[kind].format(area=area) + f" ({n + 1})",
            body=BODY.format(name=rule.category.name.lower(), area=area, n=rng.randint(3, 40)),
            author=rng.choice(authors),
            status=status,
        )
        if status == ProposalStatus.CLOSED:
            proposal.rule = rule
            proposal.opened_at = first + n * step
            proposal.closes_at = proposal.closed_at = proposal.opened_at + timedelta(
                hours=rule.window_hours
            )
        elif status == ProposalStatus.OPEN:
            proposal.rule = rule
            proposal.opened_at = now - timedelta(hours=rng.randint(1, 48))
            proposal.closes_at = now + timedelta(days=7, hours=rng.randint(0, 72))
        proposals.append(proposal)
    Proposal.objects.bulk_create(proposals, batch_size=1000)
    return proposals


def _electors_and_ballots(rng, world, proposals, plan, ballots_for, electorates) -> dict:
    """Each opened proposal's electors and ballots, and a closed one's stored outcome;
    the counts of electors and of open and secret ballots."""
    coalition = world["coalition"]
    counts = {"electors": 0, "ballots (open)": 0, "ballots (secret)": 0}
    for start in range(0, len(proposals), CHUNK):
        part = range(start, min(start + CHUNK, len(proposals)))
        electors, votes = [], []  # votes: (elector, position, reason) or secret
        for i in part:
            proposal, (key, status, everyone) = proposals[i], plan[i]
            if status == ProposalStatus.DRAFT:
                continue
            members = electorates[key]
            mine = [Elector(proposal=proposal, key=f"m{m}", membership_id=m) for m in members]
            electors += mine
            if everyone:
                voters = set(world["organisation_membership_ids"])
                chosen = [e for e in mine if e.membership_id in voters]
            else:
                chosen = rng.sample(mine, ballots_for[i])
            position = _positions(proposal.rule.method, rng)
            tallied = {}
            for elector in chosen:
                p = position()
                tallied[p] = tallied.get(p, 0) + 1
                reason = (
                    f"Reasoned {p.replace('_', ' ')}: see our letter."
                    if p in (tally.REASON_REQUIRED)
                    else ""
                )
                if proposal.rule.secret:
                    elector.has_voted = True
                    votes.append((None, proposal, p, reason))
                else:
                    votes.append((elector, proposal, p, reason))
            if status == ProposalStatus.CLOSED:
                result = tally.decide(services.terms_of(proposal.rule), len(mine), tallied)
                proposal.outcome = result.outcome
                proposal.result = services.stored_result(result)
        Elector.objects.bulk_create(electors, batch_size=BATCH)
        counts["electors"] += len(electors)
        open_ballots = [
            Ballot(proposal=proposal, elector=elector, position=p, reason=reason)
            for elector, proposal, p, reason in votes
            if elector is not None
        ]
        # A closed secret ballot as its close left it: every ballot released from the
        # mix. An open one as casting would have left it: some still sealed (mix.fill).
        secret_ballots, sealed = [], {}
        for elector, proposal, p, reason in votes:
            if elector is not None:
                continue
            ballot = dict(
                position=p,
                reason=reason,
                receipt_hash=services.receipt_hash(f"{coalition.slug}-{rng.getrandbits(64):x}"),
            )
            if proposal.status == ProposalStatus.CLOSED:
                secret_ballots.append(SecretBallot(proposal=proposal, **ballot))
            else:
                sealed.setdefault(proposal, []).append(ballot)
        Ballot.objects.bulk_create(open_ballots, batch_size=BATCH)
        SecretBallot.objects.bulk_create(secret_ballots, batch_size=BATCH)
        for proposal, ballots in sealed.items():
            mix.fill(proposal, ballots, rng)
            secret_ballots += ballots
        counts["ballots (open)"] += len(open_ballots)
        counts["ballots (secret)"] += len(secret_ballots)
    closed = [p for p in proposals if p.status == ProposalStatus.CLOSED]
    Proposal.objects.bulk_update(closed, ["outcome", "result"], batch_size=500)
    # created_at is set on insert (auto_now_add): move it before the opening.
    Proposal.objects.filter(coalition=coalition, opened_at__isnull=False).update(
        created_at=F("opened_at") - timedelta(days=3)
    )
    return counts


def _comments(rng: random.Random, proposals, authors, areas) -> list[Comment]:
    comments = []
    for proposal in proposals:
        for _ in range(rng.randint(0, 5 if proposal.status != ProposalStatus.CLOSED else 1)):
            author = rng.choice(authors)
            comments.append(
                Comment(
                    proposal=proposal,
                    author=author,
                    body=f"We support the aim on {rng.choice(areas)}; see our notes.",
                )
            )
    Comment.objects.bulk_create(comments, batch_size=BATCH)
    return comments


def _ballot_budget(rng: random.Random, electorates: list[int], total: int) -> list[int]:
    """Ballots per proposal, each at most its electorate, adding up to ``total`` (or to
    every elector when that is fewer): a random turnout per proposal, then scaled."""
    total = min(total, sum(electorates))
    wanted = [round(e * rng.uniform(0.4, 0.95)) for e in electorates]
    scale = total / max(1, sum(wanted))
    ballots = [min(e, round(w * scale)) for e, w in zip(electorates, wanted, strict=True)]
    order = list(range(len(ballots)))
    while (gap := total - sum(ballots)) != 0:
        rng.shuffle(order)
        for i in order:
            if gap > 0 and ballots[i] < electorates[i]:
                ballots[i] += 1
                gap -= 1
            elif gap < 0 and ballots[i] > 0:
                ballots[i] -= 1
                gap += 1
            if gap == 0:
                break
    return ballots
