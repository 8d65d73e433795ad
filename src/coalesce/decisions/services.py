"""Writes for decisions: categories, rules, proposals, ballots, closing, conflicts.

Same contract as coalitions.services: validate, check the policy, one transaction,
DomainError subclasses with a safe message and the field at fault.
"""

import hashlib
import secrets
from datetime import timedelta
from fractions import Fraction

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coalesce.coalitions.models import (
    Committee,
    CommitteeKind,
    CommitteeSeat,
    Membership,
    MembershipStatus,
    Person,
)
from coalesce.core.errors import Conflict as ConflictError
from coalesce.core.errors import DomainError, NotFound
from coalesce.core.validation import clean_choice, clean_text
from coalesce.decisions import mix, policy, tally
from coalesce.decisions.models import (
    Ballot,
    Category,
    Comment,
    Conflict,
    ConflictStatus,
    Elector,
    Electorate,
    Method,
    Notification,
    Proposal,
    ProposalStatus,
    Rule,
    SecretBallot,
    VoteUnit,
)

MAX_WINDOW_HOURS = 24 * 90


def receipt_hash(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


# --- categories and rules -----------------------------------------------------------


@transaction.atomic
def create_category(actor, *, name, slug="", description=""):
    policy.require(actor, "categories.manage")
    name = clean_text(name, "name", max_length=120)
    slug = slugify(slug or name)[:60]
    if not slug:
        raise DomainError(_("Give the category a name with letters or digits."), "name")
    if Category.objects.filter(coalition=actor.coalition, slug=slug).exists():
        raise ConflictError(_("A category with this name already exists."), "name")
    return Category.objects.create(
        coalition=actor.coalition,
        name=name,
        slug=slug,
        description=clean_text(description, "description", max_length=2000, required=False),
    )


def ensure_charter_category(coalition) -> Category:
    category, _created = Category.objects.get_or_create(
        coalition=coalition,
        slug=Category.CHARTER_SLUG,
        defaults={"name": _("Charter and decision rules")},
    )
    return category


def clean_rule_terms(coalition, terms: dict) -> dict:
    """Validate a rule's terms; returns the fields of a Rule (without category/version)."""
    method = clean_choice(terms.get("method"), Method, "method")
    electorate = clean_choice(terms.get("electorate"), Electorate, "electorate")
    vote_unit = clean_choice(terms.get("vote_unit", VoteUnit.MEMBER), VoteUnit, "vote_unit")
    numerator, denominator = 1, 2
    if method == Method.QUALIFIED_MAJORITY:
        numerator = _int(terms.get("threshold_numerator"), "threshold_numerator", 1, 100)
        denominator = _int(terms.get("threshold_denominator"), "threshold_denominator", 1, 100)
        if not Fraction(1, 2) <= Fraction(numerator, denominator) <= 1:
            raise DomainError(
                _("A qualified majority is a fraction between 1/2 and 1, such as 2/3."),
                "threshold_numerator",
            )
    committee = None
    if electorate == Electorate.COMMITTEE:
        committee = Committee.objects.filter(
            coalition=coalition, pk=terms.get("committee_id") or 0
        ).first()
        if committee is None:
            raise DomainError(_("Choose the committee that decides."), "committee_id")
    return dict(
        method=method,
        electorate=electorate,
        committee=committee,
        vote_unit=vote_unit,
        threshold_numerator=numerator,
        threshold_denominator=denominator,
        quorum_percent=_int(terms.get("quorum_percent", 50), "quorum_percent", 0, 100),
        window_hours=_int(terms.get("window_hours", 168), "window_hours", 1, MAX_WINDOW_HOURS),
        abstentions_count_for_quorum=bool(terms.get("abstentions_count_for_quorum", True)),
        secret=bool(terms.get("secret", False)),
    )


def _int(value, field, low, high) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError) as error:
        raise DomainError(_("Enter a whole number."), field) from error
    if not low <= number <= high:
        raise DomainError(
            _("Enter a number from %(low)d to %(high)d.") % {"low": low, "high": high}, field
        )
    return number


def current_rule(category) -> Rule | None:
    return category.rules.order_by("-version").first()


@transaction.atomic
def define_rule(actor, category_id, **terms):
    """Set a category's first rule. Later changes are decisions in the charter category."""
    policy.require(actor, "rules.define")
    category = _category(actor, category_id, lock=True)
    if category.rules.exists():
        raise ConflictError(
            _("This category already has a rule: propose a change as a charter decision."),
            "category",
        )
    return Rule.objects.create(
        category=category, version=1, **clean_rule_terms(actor.coalition, terms)
    )


def _category(actor, category_id, lock=False) -> Category:
    queryset = Category.objects.filter(coalition=actor.coalition, pk=category_id)
    category = (queryset.select_for_update() if lock else queryset).first()
    if category is None:
        raise NotFound(_("No such category."), "category_id")
    return category


# --- proposals ----------------------------------------------------------------------


@transaction.atomic
def create_proposal(
    actor,
    *,
    category_id,
    title,
    body,
    conflict_id=None,
    rule_change_category_id=None,
    rule_change=None,
):
    policy.require(actor, "proposal.create")
    category = _category(actor, category_id)
    fields = dict(
        title=clean_text(title, "title", max_length=200),
        body=clean_text(body, "body", max_length=20000),
    )
    if conflict_id:
        conflict = Conflict.objects.filter(coalition=actor.coalition, pk=conflict_id).first()
        if conflict is None or not policy.allows(actor, "conflict.view", conflict):
            raise NotFound(_("No such issue in the conflict register."), "conflict_id")
        fields["conflict"] = conflict
    if rule_change_category_id or rule_change:
        if category.slug != Category.CHARTER_SLUG:
            raise DomainError(_("Rule changes are decided in the charter category."), "category_id")
        target = _category(actor, rule_change_category_id)
        clean_rule_terms(actor.coalition, rule_change or {})
        fields.update(rule_change_category=target, rule_change=_plain_terms(rule_change))
    return Proposal.objects.create(
        coalition=actor.coalition, category=category, author=actor.user, **fields
    )


def _plain_terms(terms: dict) -> dict:
    keys = {
        "method",
        "electorate",
        "committee_id",
        "vote_unit",
        "threshold_numerator",
        "threshold_denominator",
        "quorum_percent",
        "window_hours",
        "abstentions_count_for_quorum",
        "secret",
    }
    return {k: v for k, v in terms.items() if k in keys}


def proposal_for_update(actor, proposal_id) -> Proposal:
    proposal = (
        Proposal.objects.select_for_update()
        .filter(coalition=actor.coalition, pk=proposal_id)
        .first()
    )
    if proposal is None or not policy.allows(actor, "proposal.view", proposal):
        raise NotFound()
    return proposal


@transaction.atomic
def update_proposal(actor, proposal_id, *, title, body):
    proposal = proposal_for_update(actor, proposal_id)
    policy.require(actor, "proposal.edit", proposal)
    proposal.title = clean_text(title, "title", max_length=200)
    proposal.body = clean_text(body, "body", max_length=20000)
    proposal.save(update_fields=["title", "body"])
    return proposal


@transaction.atomic
def add_comment(actor, proposal_id, *, body):
    """No signature is stored: readers see one worked out from the author's membership
    as it is when they read (``selectors.comments``)."""
    proposal = proposal_for_update(actor, proposal_id)
    policy.require(actor, "proposal.comment", proposal)
    return Comment.objects.create(
        proposal=proposal,
        author=actor.user,
        body=clean_text(body, "body", max_length=10000),
    )


def electorate_memberships(coalition, rule: Rule):
    memberships = Membership.objects.filter(coalition=coalition, status=MembershipStatus.ACTIVE)
    if rule.electorate == Electorate.ALL_MEMBERS:
        return memberships
    if rule.electorate == Electorate.STEERING:
        committee = Committee.objects.filter(
            coalition=coalition, kind=CommitteeKind.STEERING
        ).first()
    else:
        committee = rule.committee
    seated = CommitteeSeat.objects.filter(committee=committee).values("membership_id")
    return memberships.filter(pk__in=seated)


def build_electors(proposal: Proposal, rule: Rule) -> list[Elector]:
    memberships = electorate_memberships(proposal.coalition, rule)
    if rule.vote_unit == VoteUnit.MEMBER:
        return [
            Elector(proposal=proposal, key=f"m{m_id}", membership_id=m_id)
            for m_id in memberships.values_list("id", flat=True)
        ]
    people = Person.objects.filter(user__isnull=False).filter(
        Q(own_membership__in=memberships) | Q(organisation__membership__in=memberships)
    )
    electors = []
    for person_id, own_id, org_membership_id in people.values_list(
        "id", "own_membership__id", "organisation__membership__id"
    ):
        electors.append(
            Elector(
                proposal=proposal,
                key=f"p{person_id}",
                person_id=person_id,
                membership_id=own_id or org_membership_id,
            )
        )
    return electors


@transaction.atomic
def open_proposal(actor, proposal_id):
    """Open a draft for decision under the rule in force now, fixing the electorate."""
    proposal = proposal_for_update(actor, proposal_id)
    policy.require(actor, "proposal.open", proposal)
    rule = current_rule(proposal.category)
    if rule is None:
        raise ConflictError(_("This category has no decision rule yet."), "category_id")
    now = timezone.now()
    proposal.rule = rule
    proposal.status = ProposalStatus.OPEN
    proposal.opened_at = now
    proposal.closes_at = now + timedelta(hours=rule.window_hours)
    proposal.save(update_fields=["rule", "status", "opened_at", "closes_at"])
    electors = build_electors(proposal, rule)
    if not electors:
        raise ConflictError(
            _("No one is in the electorate of this category's rule: check its committee."),
            "category_id",
        )
    Elector.objects.bulk_create(electors, batch_size=1000)
    notify_electorate(proposal)
    return proposal


def notify_electorate(proposal):
    from coalesce.decisions.tasks import email_electorate

    user_ids = (
        set(
            Person.objects.filter(user__isnull=False)
            .filter(
                pk__in=Elector.objects.filter(proposal=proposal, person__isnull=False).values(
                    "person_id"
                )
            )
            .values_list("user_id", flat=True)
        )
        | set(
            Person.objects.filter(
                user__isnull=False,
                organisation__membership__in=Elector.objects.filter(proposal=proposal).values(
                    "membership_id"
                ),
            ).values_list("user_id", flat=True)
        )
        | set(
            Person.objects.filter(
                user__isnull=False,
                own_membership__in=Elector.objects.filter(proposal=proposal).values(
                    "membership_id"
                ),
            ).values_list("user_id", flat=True)
        )
    )
    text = _("A decision is open: %(title)s") % {"title": proposal.title[:200]}
    Notification.objects.bulk_create(
        Notification(user_id=uid, coalition=proposal.coalition, proposal=proposal, text=text)
        for uid in user_ids
    )
    transaction.on_commit(lambda: email_electorate.enqueue(proposal.id))


# --- voting -------------------------------------------------------------------------


def _elector_keys(actor) -> list[str]:
    return [f"m{m}" for m in actor.own_membership_ids] + [f"p{p}" for p in actor.person_ids]


def clean_position(rule: Rule, position, reason):
    allowed = tally.POSITIONS_BY_METHOD[rule.method]
    if position not in allowed:
        raise DomainError(
            _("Choose one of: %(options)s.") % {"options": ", ".join(allowed)}, "position"
        )
    reason = clean_text(
        reason, "reason", max_length=4000, required=position in tally.REASON_REQUIRED
    )
    return position, reason


@transaction.atomic
def cast(actor, proposal_id, *, position, reason="") -> str | None:
    """Record the actor's position; returns a receipt code for a secret ballot.

    Open ballots can be changed until the window closes (the new position replaces
    the old); a secret ballot is cast once.
    """
    policy.require(actor, "proposal.vote")
    # The usual case in one query: the actor's elector row with its proposal and rule
    # (locked, as before: two ballots of one elector queue). Only when the actor is
    # not in the electorate is the proposal read on its own, to say why.
    keys = _elector_keys(actor)
    elector = None
    if keys:
        elector = (
            Elector.objects.filter(
                proposal_id=proposal_id, proposal__coalition=actor.coalition, key__in=keys
            )
            .select_related("proposal__rule")
            .select_for_update(of=("self",))
            .first()
        )
    if elector is not None:
        proposal = elector.proposal
    else:
        proposal = (
            Proposal.objects.filter(coalition=actor.coalition, pk=proposal_id)
            .select_related("rule")
            .first()
        )
    if proposal is None:
        raise NotFound()
    if proposal.status != ProposalStatus.OPEN or timezone.now() >= proposal.closes_at:
        raise ConflictError(_("This decision is not open for voting."), "proposal")
    rule = proposal.rule
    position, reason = clean_position(rule, position, reason)
    if elector is None:
        raise DomainError(_("You are not in the electorate of this decision."), "proposal")
    if not rule.secret:
        # One statement, insert or replace (INSERT … ON CONFLICT DO UPDATE), rather than
        # a savepoint, a read and a write.
        Ballot.objects.bulk_create(
            [Ballot(proposal=proposal, elector=elector, position=position, reason=reason)],
            update_conflicts=True,
            unique_fields=["elector"],
            update_fields=["proposal", "position", "reason", "updated_at"],
        )
        return None
    if position not in tally.REASON_REQUIRED:
        reason = ""  # only a block's or objection's reason is kept, unattributed
    # The proposal's row lock: the pool fills and releases one ballot at a time, and
    # a close (which takes it too) cannot count between this check and the commit.
    locked = (
        Proposal.objects.select_for_update(no_key=True)
        .filter(pk=proposal.pk, status=ProposalStatus.OPEN, closes_at__gt=timezone.now())
        .values_list("pk", flat=True)
        .first()
    )
    if locked is None:
        raise ConflictError(_("This decision is not open for voting."), "proposal")
    claimed = Elector.objects.filter(pk=elector.pk, has_voted=False).update(has_voted=True)
    if not claimed:
        raise ConflictError(_("You have already voted in this secret ballot."), "proposal")
    sealed = mix.sealed_receipts(proposal)
    code = secrets.token_hex(6).upper()
    while (
        receipt_hash(code) in sealed
        or SecretBallot.objects.filter(proposal=proposal, receipt_hash=receipt_hash(code)).exists()
    ):  # a receipt already given for this decision: vanishingly rare, draw again
        code = secrets.token_hex(6).upper()
    # Sealed, with the mark: durable before the receipt is shown, and unreadable until
    # the mix releases it among at least mix.BATCH others.
    mix.add(proposal, position=position, reason=reason, receipt_hash=receipt_hash(code))
    return code


# --- closing ------------------------------------------------------------------------


def terms_of(rule: Rule) -> tally.Terms:
    return tally.Terms(
        method=rule.method,
        quorum_percent=rule.quorum_percent,
        threshold=Fraction(rule.threshold_numerator, rule.threshold_denominator),
        abstentions_count_for_quorum=rule.abstentions_count_for_quorum,
    )


def compute_result(proposal) -> tally.Result:
    from coalesce.decisions.selectors import count_positions

    electorate = Elector.objects.filter(proposal=proposal).count()
    return tally.decide(terms_of(proposal.rule), electorate, count_positions(proposal))


def stored_result(result: tally.Result) -> dict:
    """What a closed proposal keeps of its result (``Proposal.result``)."""
    return {
        "electorate": result.electorate,
        "participants": result.participants,
        "counts": result.counts,
        "quorum_needed": result.quorum_needed,
        "quorum_met": result.quorum_met,
        "explanation": result.explanation,
    }


@transaction.atomic
def close_proposal(proposal_id, *, actor=None, now=None):
    """Close an open proposal whose window has ended (or early, by the steering
    committee, once everyone has voted), compute and store its outcome."""
    now = now or timezone.now()
    # of=("self",): the rule is a nullable foreign key, so select_related("rule") is an
    # outer join, and PostgreSQL refuses FOR UPDATE on the nullable side of one.
    proposal = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("rule")
        .filter(pk=proposal_id)
        .first()
    )
    if proposal is None or (actor is not None and proposal.coalition_id != actor.coalition.id):
        raise NotFound()
    if actor is not None:
        policy.require(actor, "proposal.close", proposal)
    if proposal.status != ProposalStatus.OPEN:
        raise ConflictError(_("This decision is not open."), "status")
    if now < proposal.closes_at and not _everyone_voted(proposal):
        raise ConflictError(_("The voting window has not ended yet."), "status")
    if proposal.rule.secret:
        mix.release(proposal, everything=True)
    result = compute_result(proposal)
    proposal.status = ProposalStatus.CLOSED
    proposal.closed_at = now
    proposal.outcome = result.outcome
    proposal.result = stored_result(result)
    proposal.save(update_fields=["status", "closed_at", "outcome", "result"])
    if result.outcome == "adopted" and proposal.rule_change_category_id:
        _apply_rule_change(proposal)
    return proposal


def _everyone_voted(proposal) -> bool:
    electors = Elector.objects.filter(proposal=proposal)
    if proposal.rule.secret:
        return not electors.filter(has_voted=False).exists()
    return not electors.filter(ballot__isnull=True).exists()


def _apply_rule_change(proposal):
    category = Category.objects.select_for_update().get(pk=proposal.rule_change_category_id)
    latest = current_rule(category)
    Rule.objects.create(
        category=category,
        version=(latest.version + 1) if latest else 1,
        adopted_by=proposal,
        **clean_rule_terms(proposal.coalition, proposal.rule_change),
    )


def close_due_proposals(now=None) -> int:
    """Close every open proposal whose window has ended; returns how many."""
    now = now or timezone.now()
    due = Proposal.objects.filter(status=ProposalStatus.OPEN, closes_at__lte=now)
    closed = 0
    for proposal_id in due.values_list("id", flat=True):
        try:
            close_proposal(proposal_id, now=now)
            closed += 1
        except ConflictError:
            pass  # closed meanwhile by another worker
    return closed


# --- conflicts ----------------------------------------------------------------------


@transaction.atomic
def raise_conflict(actor, *, title, description, anonymous=False):
    policy.require(actor, "conflicts.create")
    return Conflict.objects.create(
        coalition=actor.coalition,
        title=clean_text(title, "title", max_length=200),
        description=clean_text(description, "description", max_length=10000),
        raised_by=None if anonymous else actor.user,
    )


@transaction.atomic
def update_conflict(
    actor, conflict_id, *, status=None, outcome=None, owner_email=None, mediator=None
):
    conflict = (
        Conflict.objects.select_for_update()
        .filter(coalition=actor.coalition, pk=conflict_id)
        .first()
    )
    if conflict is None:
        raise NotFound()
    policy.require(actor, "conflict.update", conflict)
    if owner_email is not None or mediator is not None:
        policy.require(actor, "conflict.assign", conflict)
    if status is not None:
        conflict.status = clean_choice(status, ConflictStatus, "status")
    if outcome is not None:
        conflict.outcome = clean_text(outcome, "outcome", max_length=10000, required=False)
    if mediator is not None:
        conflict.mediator = clean_text(mediator, "mediator", max_length=200, required=False)
    if owner_email is not None:
        conflict.owner = _member_user(actor, owner_email) if owner_email else None
    conflict.save()
    return conflict


def _member_user(actor, email):
    person = (
        Person.objects.filter(coalition=actor.coalition, user__email__iexact=email.strip())
        .select_related("user")
        .first()
    )
    if person is None:
        raise NotFound(_("No one in this coalition has that e-mail address."), "owner_email")
    return person.user


# --- notifications ------------------------------------------------------------------


@transaction.atomic
def mark_notifications_read(actor, ids=None) -> int:
    """Mark the actor's unread notifications in this coalition as read (only ``ids`` if
    given); returns how many changed."""
    policy.require(actor, "decisions.list")
    unread = Notification.objects.filter(
        user=actor.user, coalition=actor.coalition, read_at__isnull=True
    )
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())
