"""Decisions for the demo coalition: categories and rules, proposals in every state,
a charter decision that changed a rule, and a small conflict register.

Called once by ``demo.load`` inside its once-only guard, after the coalition's members
and committees were built through the services. Categories, rules, proposals,
comments, conflicts, closing and the ballots of members with a demo login (the admin
votes for the Institute for Security Governance Studies, which she represents on the
steering committee) go through the real services. Members of the demo without a login
get their ballots as rows on their ``Elector``, and proposals, ballots, rules,
conflicts and comments are dated into the past with direct updates: no service casts
for someone who cannot sign in, or rewrites history. Decisions that are already closed
are opened and voted on now, then moved into the past and closed with a ``now`` after
their window, so their outcome is computed exactly as it would have been.

Names, events and figures are fictional.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from coalesce.accounts.models import User
from coalesce.coalitions.models import Coalition, Membership, name_is
from coalesce.coalitions.policy import Actor, actor_for
from coalesce.decisions import services
from coalesce.decisions.models import (
    Ballot,
    Category,
    Comment,
    Conflict,
    Elector,
    Notification,
    Proposal,
    Rule,
)
from coalesce.demo.logins import LOGINS
from coalesce.demo.proposal_texts import (
    ADMISSION,
    BUDGET_RULE_CHANGE,
    CONFERENCE_BUDGET,
    GUIDELINES_STATEMENT,
    MEETING_ROTATION,
    NAME_AND_LOGO,
    VETTING_STATEMENT,
)

# Steering committee members without a demo login (see demo.coalition.STEERING); the
# admin, who chairs it, represents the Institute for Security Governance Studies.
OMBUDSMAN = "Office of the Police Ombudsman"
TRADERS = "Border Women Traders' Union"

# The Budget rule's first version (a charter decision changes it later, see
# _changed_the_budget_rule).
BUDGET_RULE = dict(
    method="qualified_majority",
    electorate="all_members",
    threshold_numerator=2,
    threshold_denominator=3,
    quorum_percent=50,
    window_hours=168,
)

# key, name, description, rule
CATEGORIES = [
    (
        "statements",
        "Joint statements",
        "Statements, submissions and letters published in the coalition's name.",
        dict(method="consensus", electorate="steering", window_hours=72),
    ),
    (
        "members",
        "New members",
        "Admitting organisations and individuals who applied to join.",
        dict(method="simple_majority", electorate="steering", window_hours=168, secret=True),
    ),
    (
        "budget",
        "Budget",
        "Spending from the coalition's core grant and pooled funds.",
        BUDGET_RULE,
    ),
    (
        "daily",
        "Day-to-day",
        "Practical arrangements: meetings, tools, the secretariat's routines.",
        dict(method="consent", electorate="steering", window_hours=72),
    ),
]
CHARTER_RULE = dict(
    method="qualified_majority",
    electorate="all_members",
    threshold_numerator=2,
    threshold_denominator=3,
    quorum_percent=50,
    window_hours=336,
)

# --- helpers ------------------------------------------------------------------------


def _membership(coalition, organisation_name) -> Membership:
    return Membership.objects.get(name_is(organisation_name, coalition, "organisation__"))


def _elector(proposal, organisation_name) -> Elector:
    membership = _membership(proposal.coalition, organisation_name)
    return Elector.objects.get(proposal=proposal, membership=membership)


def _vote_for(proposal, organisation_name, position, reason=""):
    """An open ballot for a member without a demo login."""
    elector = _elector(proposal, organisation_name)
    Ballot.objects.create(proposal=proposal, elector=elector, position=position, reason=reason)


def _votes_for_the_rest(proposal, positions):
    """Give ``positions``, in order, to electors who have no ballot yet."""
    electors = Elector.objects.filter(proposal=proposal, ballot__isnull=True).order_by("id")
    Ballot.objects.bulk_create(
        Ballot(proposal=proposal, elector=elector, position=position)
        for elector, position in zip(electors, positions, strict=False)
    )


def _place(proposal, *, opened_days_ago, created_days_before=5):
    """Move an open proposal into the past, keeping its window's length."""
    now = timezone.now()
    window = proposal.closes_at - proposal.opened_at
    opened_at = now - timedelta(days=opened_days_ago)
    Proposal.objects.filter(pk=proposal.pk).update(
        created_at=opened_at - timedelta(days=created_days_before),
        opened_at=opened_at,
        closes_at=opened_at + window,
    )
    Ballot.objects.filter(proposal=proposal).update(updated_at=opened_at + timedelta(hours=20))
    proposal.refresh_from_db()
    return proposal


def _close_in_the_past(proposal, *, opened_days_ago):
    proposal = _place(proposal, opened_days_ago=opened_days_ago)
    # Its "a decision is open" notifications are long stale: drop them.
    Notification.objects.filter(proposal=proposal).delete()
    return services.close_proposal(proposal.id, now=proposal.closes_at + timedelta(hours=1))


# --- the demo -----------------------------------------------------------------------


@dataclass(frozen=True)
class Board:
    """The demo's logins (admin, steering, chair, member) and categories, by key."""

    actors: dict[str, Actor]
    categories: dict[str, Category]

    def propose(self, author, category, title, body, **extra) -> Proposal:
        """``author`` proposes in ``category`` and opens the proposal."""
        proposal = services.create_proposal(
            self.actors[author],
            category_id=self.categories[category].id,
            title=title,
            body=body,
            **extra,
        )
        return services.open_proposal(self.actors[author], proposal.id)

    def cast(self, proposal, **positions) -> None:
        """The logins named cast their positions on ``proposal``, in the order given."""
        for role, position in positions.items():
            services.cast(self.actors[role], proposal.id, position=position)


def load(coalition: Coalition) -> None:
    """Create the demo coalition's decisions (call once, with the coalition's members)."""
    actors = {
        role: actor_for(User.objects.get(email=LOGINS[role][0]), coalition)
        for role in ("admin", "steering", "chair", "member")
    }
    board = Board(actors, _categories(coalition, actors["steering"]))
    _adopted_by_consensus(board)
    _failed_for_lack_of_quorum(board)
    _changed_the_budget_rule(board, coalition)
    _conflict_register(board)
    _open_now(board)
    _draft_under_discussion(board)


def _categories(coalition, steering) -> dict[str, Category]:
    """The categories with their rules, and the charter category's rule."""
    categories = {}
    for key, name, description, terms in CATEGORIES:
        category = services.create_category(steering, name=name, description=description)
        services.define_rule(steering, category.id, **terms)
        categories[key] = category
    charter = services.ensure_charter_category(coalition)
    services.define_rule(steering, charter.id, **CHARTER_RULE)
    categories["charter"] = charter
    return categories


def _adopted_by_consensus(board: Board) -> None:
    """Adopted by consensus, with one member standing aside (closed)."""
    vetting = board.propose(
        "steering",
        "statements",
        "Joint submission on the Police Service (Vetting) Bill",
        VETTING_STATEMENT,
    )
    board.cast(vetting, steering="agree", admin="agree")
    _vote_for(
        vetting,
        OMBUDSMAN,
        "stand_aside",
        "As a statutory oversight body we do not sign submissions on bills about our own "
        "mandate. We support the text and will not stand in its way.",
    )
    _vote_for(vetting, TRADERS, "agree")
    _close_in_the_past(vetting, opened_days_ago=40)


def _failed_for_lack_of_quorum(board: Board) -> None:
    """A budget vote that failed for lack of quorum (closed), under the rule's version 1."""
    conference = board.propose(
        "chair",
        "budget",
        "Co-fund the regional Women in Policing conference in Kisumu",
        CONFERENCE_BUDGET,
    )
    board.cast(conference, chair="yes", steering="yes", member="abstain", admin="yes")
    _votes_for_the_rest(conference, ["yes"] * 4 + ["no"])
    _close_in_the_past(conference, opened_days_ago=75)


def _changed_the_budget_rule(board: Board, coalition) -> None:
    """The charter decision that changed the Budget rule (adopted: the rule's version 2)."""
    rule_change = board.propose(
        "steering",
        "charter",
        "Budget decisions: a 40% quorum and two weeks to vote",
        BUDGET_RULE_CHANGE,
        rule_change_category_id=board.categories["budget"].id,
        rule_change=dict(
            BUDGET_RULE,
            quorum_percent=40,
            window_hours=336,
            abstentions_count_for_quorum=True,
            secret=False,
        ),
    )
    board.cast(rule_change, admin="yes", steering="yes", chair="yes", member="yes")
    _votes_for_the_rest(rule_change, ["yes"] * 13 + ["no"] * 2 + ["abstain"])
    adopted = _close_in_the_past(rule_change, opened_days_ago=60)
    # Rules carry the date they came into force: the first versions before any proposal,
    # the Budget rule's version 2 when the charter decision was adopted.
    Rule.objects.filter(category__coalition=coalition, version=1).update(
        created_at=timezone.now() - timedelta(days=90)
    )
    Rule.objects.filter(adopted_by=adopted).update(created_at=adopted.closed_at)


def _conflict_register(board: Board) -> None:
    """One conflict resolved through a decision, one anonymous, one mediated."""
    a = board.actors
    steering = a["steering"]
    flyer = services.raise_conflict(
        a["chair"],
        title="The coalition's name on a campaign flyer",
        description=(
            "During the county by-election a flyer listed our coalition among the "
            "supporters of one candidate. Members who work with all parties were asked "
            "by officials whether the coalition had taken sides."
        ),
    )
    logo = board.propose(
        "steering",
        "daily",
        "Rules for using the coalition's name and logo",
        NAME_AND_LOGO,
        conflict_id=flyer.id,
    )
    services.cast(steering, logo.id, position="consent")
    board.cast(logo, admin="consent")
    _vote_for(logo, OMBUDSMAN, "abstain")
    _vote_for(logo, TRADERS, "consent")
    _close_in_the_past(logo, opened_days_ago=30)
    services.update_conflict(
        steering,
        flyer.id,
        status="resolved",
        owner_email=LOGINS["steering"][0],
        outcome=(
            "The member concerned apologised and withdrew the flyer. The steering committee "
            "adopted rules for using the coalition's name and logo (see the linked decision)."
        ),
    )

    leak = services.raise_conflict(
        a["member"],
        anonymous=True,
        title="Notes from a closed meeting reached the county police commander",
        description=(
            "Details of a survivor's case discussed at the March members' meeting were "
            "repeated back to one of our paralegals by a police officer. Someone present "
            "shared them. I raise this anonymously because I work closely with several "
            "people who were in the room."
        ),
    )
    services.update_conflict(
        steering, leak.id, status="in_progress", owner_email=LOGINS["steering"][0]
    )

    forum = services.raise_conflict(
        a["chair"],
        title="Who speaks for the coalition at the regional ministers' forum",
        description=(
            "Two member organisations were each told by the secretariat that they would "
            "present the coalition's findings at the forum in Arusha. Both have prepared, "
            "and relations between them have become tense."
        ),
    )
    services.update_conflict(
        steering,
        forum.id,
        status="in_mediation",
        mediator="Rehema Said, independent mediator, Coast Peace Dialogue Centre",
    )
    for days, conflict in [(40, flyer), (12, leak), (8, forum)]:
        Conflict.objects.filter(pk=conflict.pk).update(
            created_at=timezone.now() - timedelta(days=days)
        )


def _open_now(board: Board) -> None:
    """A secret ballot the demo steering login has not voted in yet, and a consensus
    proposal with a block and its reason."""
    admission = board.propose(
        "steering", "members", "Admit the Coastal Fisherwomen's Association", ADMISSION
    )
    board.cast(admission, admin="yes")  # keeps her receipt code
    _place(admission, opened_days_ago=2)

    guidelines = board.propose(
        "chair",
        "statements",
        "Welcome the revised community policing guidelines",
        GUIDELINES_STATEMENT,
    )
    board.cast(guidelines, admin="agree")
    _vote_for(
        guidelines,
        TRADERS,
        "block",
        "Section 14 lets community policing committees search homes and market stalls "
        "without a warrant. Our members at the border markets already suffer this from "
        "informal patrols. We cannot welcome the guidelines unless the statement asks for "
        "that section to be withdrawn.",
    )
    _place(guidelines, opened_days_ago=1)


def _draft_under_discussion(board: Board) -> None:
    """A draft still under discussion, with comments spread over the past week."""
    a = board.actors
    rotation = services.create_proposal(
        a["member"],
        category_id=board.categories["daily"].id,
        title="Rotate the quarterly members' meeting between three capitals",
        body=MEETING_ROTATION,
    )
    for role, body in [
        (
            "chair",
            "Good idea. Could the host city's members also choose one local guest speaker? "
            "It would help us meet the police and justice people in each country.",
        ),
        (
            "steering",
            "The travel budget is fixed for this year, so the rotation would start in "
            "January. I suggest we add that date before this goes to a decision.",
        ),
        (
            "member",
            "Agreed on January. On Kigali and Addis Ababa: let's ask the members there "
            "first, at the next meeting.",
        ),
    ]:
        services.add_comment(a[role], rotation.id, body=body)
    start = timezone.now() - timedelta(days=6)
    Proposal.objects.filter(pk=rotation.pk).update(created_at=start)
    for hours, comment in enumerate(Comment.objects.filter(proposal=rotation).order_by("id")):
        Comment.objects.filter(pk=comment.pk).update(
            created_at=start + timedelta(days=1, hours=5 * hours)
        )
