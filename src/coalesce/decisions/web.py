"""Pages for decisions, decision rules and the conflict register.

Same shape as the coalition pages: ``coalition_page`` loads the coalition and the actor
and checks the action with the decisions policy; a view parses a form, calls one
service or selector and renders a template. Writes are POST-only and end in a redirect
with a message; a service's ``DomainError`` is shown on the form (or the page) with its
status and nothing is changed.

Names of members are never printed here from membership rows directly: they come
masked from ``selectors.open_positions`` or through ``coalitions.policy.display_name``
for listed memberships only.
"""

from collections import Counter
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coalesce.coalitions import policy as coalition_policy
from coalesce.coalitions.models import Committee, Person
from coalesce.coalitions.web.pages import coalition_page, page
from coalesce.core import charts
from coalesce.core.errors import Conflict as ConflictError
from coalesce.core.errors import DomainError, Forbidden, NotFound
from coalesce.core.forms import submit
from coalesce.decisions import mix, policy, selectors, services, tally
from coalesce.decisions.forms import (
    RULE_FIELDS,
    CategoryForm,
    CommentForm,
    ConflictAssignForm,
    ConflictForm,
    ConflictUpdateForm,
    DefineRuleForm,
    EditProposalForm,
    ProposalForm,
    ReceiptCheckForm,
    VoteForm,
)
from coalesce.decisions.models import (
    Category,
    Method,
    Position,
    Proposal,
    ProposalStatus,
    Rule,
)

GET_POST = require_http_methods(["GET", "POST"])
PER_PAGE = 25  # proposals per page in each part of the decisions list
VOICES_PER_PAGE = 100  # positions named per page of an open ballot's outcome


def _url(actor, name: str, **kwargs) -> str:
    return reverse(f"decisions:{name}", kwargs={"slug": actor.coalition.slug, **kwargs})


def _page_error(error: DomainError) -> None:
    """A refusal about the page itself (not the input) becomes an error page."""
    if isinstance(error, NotFound | Forbidden) and error.field is None:
        raise error


# --- names --------------------------------------------------------------------------


def _membership_of(person):
    """The membership a person belongs to: their own, or their organisation's."""
    try:
        return person.own_membership
    except ObjectDoesNotExist:
        pass
    try:
        return person.organisation.membership if person.organisation_id else None
    except ObjectDoesNotExist:
        return None


def _user_label(actor, user_id) -> str:
    """A user as this actor may see them: their membership's shown name or alias, or a
    dash when that membership is hidden from the actor (or there is none)."""
    if user_id is None:
        return "—"
    if actor.user is not None and user_id == actor.user.id:
        return _("you")
    person = (
        Person.objects.filter(coalition=actor.coalition, user_id=user_id)
        .select_related(
            "own_membership__person", "organisation__membership__organisation", "organisation"
        )
        .first()
    )
    membership = _membership_of(person) if person is not None else None
    if membership is None or not coalition_policy.is_listed(actor, membership):
        return "—"
    return coalition_policy.display_name(actor, membership)


# --- the list -----------------------------------------------------------------------


def _close_due(actor) -> None:
    """Close this coalition's proposals whose window has passed, so outcomes appear
    without a scheduler (the task queue does the same in the background)."""
    from django.utils import timezone

    due = Proposal.objects.filter(
        coalition=actor.coalition, status=ProposalStatus.OPEN, closes_at__lte=timezone.now()
    ).values_list("id", flat=True)
    for proposal_id in list(due[:20]):
        try:
            services.close_proposal(proposal_id)
        except ConflictError:
            pass  # closed meanwhile


def _took_part(proposal) -> int:
    if proposal.rule is not None and proposal.rule.secret:
        return proposal.n_voted_secret
    return proposal.n_ballots


@dataclass(frozen=True)
class Section:
    """One page of a part of the decisions list (open, drafts, closed)."""

    name: str  # also the query parameter holding its page number
    rows: list
    number: int
    has_next: bool


def _section(request, name, rows, shown=None, per_page=None) -> Section:
    """Page ``?<name>=N`` of ``rows`` (a queryset or list in display order); only that
    page is fetched (a queryset) and turned into what the page shows (``shown``)."""
    per_page = per_page or PER_PAGE
    try:
        number = min(max(1, int(request.GET.get(name, "1"))), 100_000)
    except ValueError:
        number = 1
    start = (number - 1) * per_page
    found = list(rows[start : start + per_page + 1])
    has_next = len(found) > per_page
    found = found[:per_page]
    return Section(name, shown(found) if shown else found, number, has_next)


def _proposals_page(request, name, rows) -> Section:
    section = _section(request, name, rows)
    for proposal in section.rows:
        proposal.took_part = _took_part(proposal)
    return section


@require_GET
@coalition_page("decisions.list")
def decision_list(request, actor):
    _close_due(actor)

    def listed(status, *order):
        return selectors.with_participation(selectors.proposals(actor, status=status)).order_by(
            *order, "-id"
        )

    return page(
        request,
        actor,
        "decisions/list.html",
        open=_proposals_page(request, "open", listed(ProposalStatus.OPEN, "closes_at")),
        drafts=_proposals_page(request, "drafts", listed(ProposalStatus.DRAFT, "-created_at")),
        closed=_proposals_page(request, "closed", listed(ProposalStatus.CLOSED, "-closed_at")),
        may_create=policy.allows(actor, "proposal.create"),
        unread=selectors.notifications(actor, unread_only=True).count(),
    )


# --- a new proposal -----------------------------------------------------------------


def _with_charter(actor, load) -> list[Category]:
    """``load(actor)``'s categories, the charter category among them: made on the first
    visit, so later visits pay no query for it."""
    categories = load(actor)
    if not any(c.slug == Category.CHARTER_SLUG for c in categories):
        services.ensure_charter_category(actor.coalition)
        categories = load(actor)
    return categories


def _categories(actor):
    return list(
        Category.objects.filter(coalition=actor.coalition)
        .prefetch_related("rules")
        .order_by("name")
    )


def _committees(actor):
    return list(Committee.objects.filter(coalition=actor.coalition).order_by("name"))


def _int_param(request, name):
    try:
        return int(request.GET.get(name, ""))
    except ValueError:
        return None


def _proposal_form(actor, request, categories, committees):
    conflicts = list(selectors.conflicts(actor)[:200])
    initial = {}
    if request.method == "GET":
        by_id = {c.id: c for c in categories}
        chosen = _int_param(request, "category")
        if chosen in by_id:
            initial["category_id"] = chosen
        linked = _int_param(request, "conflict")
        if any(c.id == linked for c in conflicts):
            initial["conflict_id"] = linked
        target = by_id.get(_int_param(request, "rule_change_category"))
        if target is not None and target.slug != Category.CHARTER_SLUG:
            charter = next(c for c in categories if c.slug == Category.CHARTER_SLUG)
            initial["category_id"] = charter.id
            initial["rule_change_category_id"] = target.id
            rule = services.current_rule(target)
            if rule is not None:
                initial.update({name: getattr(rule, name) for name in RULE_FIELDS})
    return ProposalForm(
        request.POST or None,
        categories=categories,
        conflicts=conflicts,
        committees=committees,
        initial=initial,
    )


@GET_POST
@coalition_page("proposal.create")
def proposal_create(request, actor):
    categories = _with_charter(actor, _categories)
    form = _proposal_form(actor, request, categories, _committees(actor))
    status = 200
    if request.method == "POST":
        submission = submit(
            request,
            form,
            lambda data: services.create_proposal(actor, **form.service_arguments()),
            success=_("The proposal is saved as a draft. Discuss it, then open it for decision."),
        )
        status = submission.status
        if status is None:
            return redirect(_url(actor, "proposal", proposal_id=submission.result.id))
    rule_change_open = bool(form["rule_change_category_id"].value()) or any(
        form.errors.get(name) for name in RULE_FIELDS
    )
    return page(
        request,
        actor,
        "decisions/proposal_form.html",
        form=form,
        main_fields=[form[name] for name in ("category_id", "title", "body", "conflict_id")],
        rule_fields=[form[name] for name in ("rule_change_category_id", *RULE_FIELDS)],
        rule_change_open=rule_change_open,
        status=status,
    )


# --- one proposal -------------------------------------------------------------------


@dataclass(frozen=True)
class Share:
    """One position's count, for the table and the chart."""

    value: str
    label: str
    count: int


@dataclass(frozen=True)
class VoiceRow:
    """A position as the reader may see it (the name already masked by the selector)."""

    name: str
    position: str
    position_label: str
    reason: str


def _position_label(value) -> str:
    return Position(value).label if value in Position.values else value


def _load(actor, proposal_id) -> Proposal:
    """The proposal, closed first when its window has passed while it was open."""
    proposal = selectors.proposal(actor, proposal_id, with_counts=True)
    if selectors.due_now(proposal):
        try:
            services.close_proposal(proposal.id)
        except ConflictError:
            pass  # closed meanwhile, or not yet due after all
        proposal = selectors.proposal(actor, proposal_id, with_counts=True)
    return proposal


def _shares(rule, counts) -> list[Share]:
    return [
        Share(value=p.value, label=p.label, count=int(counts.get(p.value, 0)))
        for p in tally.POSITIONS_BY_METHOD[rule.method]
    ]


def _rule_change(proposal):
    """The proposed rule as an unsaved Rule, for the same template as a rule in force."""
    if not proposal.rule_change_category_id:
        return None
    terms = proposal.rule_change or {}
    names = {f.attname for f in Rule._meta.concrete_fields} - {"id", "category_id", "version"}
    return Rule(
        category_id=proposal.rule_change_category_id,
        **{key: value for key, value in terms.items() if key in names},
    )


def _my_position(elector):
    if elector is None:
        return None
    try:
        return elector.ballot
    except ObjectDoesNotExist:
        return None


def _proposal_page(
    request,
    actor,
    proposal,
    *,
    vote_form=None,
    comment_form=None,
    error="",
    receipt="",
    status=200,
):
    rule = proposal.rule or services.current_rule(proposal.category)
    is_open = proposal.status == ProposalStatus.OPEN
    is_closed = proposal.status == ProposalStatus.CLOSED
    context = {
        "proposal": proposal,
        "rule": rule,
        "is_open": is_open,
        "is_closed": is_closed,
        "is_draft": proposal.status == ProposalStatus.DRAFT,
        "error": error,
        "receipt": receipt,
        "author": _user_label(actor, proposal.author_id),
        "rule_change": _rule_change(proposal),
        "may_edit": policy.allows(actor, "proposal.edit", proposal),
        "may_open": policy.allows(actor, "proposal.open", proposal),
        "may_close": is_open and policy.allows(actor, "proposal.close", proposal),
        "may_comment": policy.allows(actor, "proposal.comment", proposal),
        "comments": list(selectors.comments(proposal)),
    }
    if proposal.conflict_id and policy.allows(actor, "conflict.view", proposal.conflict):
        context["conflict"] = proposal.conflict
    if context["may_comment"]:
        context["comment_form"] = comment_form or CommentForm()
    if proposal.rule is not None:
        took_part, electorate = selectors.participation(proposal)
        context.update(took_part=took_part, electorate=electorate)
        secret = proposal.rule.secret
        if not secret:
            # One label per position, not one lookup per voice (there can be 1,500).
            labels = {value: _position_label(value) for value in Position.values}

            def shown(rows):
                voices = (selectors.voice(actor, row) for row in rows)
                return [VoiceRow(v.name, v.position, labels.get(v.position, v.position), v.reason)
                        for v in voices]  # fmt: skip

            rows = selectors.open_position_rows(proposal)
            # Every ballot is counted; only a page of them is named on the page.
            context["position_counts"] = Counter(row[0] for row in rows)
            context["voices"] = _section(request, "voices", rows, shown, VOICES_PER_PAGE)
            context["objections"] = shown(r for r in rows if r[0] in tally.REASON_REQUIRED)
        else:
            context["objections"] = [
                VoiceRow(_("A secret ballot"), position, _position_label(position), reason)
                for position, reason in selectors.secret_objections(proposal)
            ]
        if is_open:
            mine = selectors.my_elector(actor, proposal)
            ballot = None if secret else _my_position(mine)
            context.update(
                in_electorate=mine is not None,
                has_voted=mine is not None and (mine.has_voted if secret else ballot is not None),
                my_ballot=ballot,
            )
            if (
                mine is not None
                and policy.allows(actor, "proposal.vote")
                and not (secret and mine.has_voted)
            ):
                initial = {"position": ballot.position, "reason": ballot.reason} if ballot else {}
                context["vote_form"] = vote_form or VoteForm(
                    method=proposal.rule.method, initial=initial
                )
        if is_closed:
            counts = (proposal.result or {}).get("counts", {})
        elif selectors.results_visible(proposal) and not secret:
            counts = context["position_counts"]
        elif selectors.results_visible(proposal):
            counts = selectors.count_positions(proposal)
        else:
            counts = None
        if counts is not None:
            shares = _shares(proposal.rule, counts)
            context["shares"] = shares
            if is_closed:
                context["chart"] = charts.horizontal_bars(
                    shares, title=_("Positions counted"), chart_id="positions-chart"
                )
    if vote_form is not None and "vote_form" not in context and not error:
        # The vote form is not shown (not open, not in the electorate): say why here.
        context["error"] = " ".join(vote_form.non_field_errors())
    return page(request, actor, "decisions/proposal.html", status=status, **context)


@require_GET
@coalition_page("proposal.view")
def proposal_view(request, actor, proposal_id):
    return _proposal_page(request, actor, _load(actor, proposal_id))


@require_POST
@coalition_page("proposal.vote")
def proposal_vote(request, actor, proposal_id):
    proposal = _load(actor, proposal_id)
    method = proposal.rule.method if proposal.rule is not None else Method.SIMPLE_MAJORITY
    form = VoteForm(request.POST, method=method)
    submission = submit(
        request,
        form,
        lambda data: services.cast(actor, proposal.id, **data),
        success=_("Your position is recorded."),
    )
    receipt = submission.result
    if submission.status is None and not receipt:
        return redirect(_url(actor, "proposal", proposal_id=proposal.id))
    if submission.status is None:
        # A secret ballot's receipt is shown in this response only: it is never stored
        # (not in the session, not in a message), so nothing links it to the voter.
        return _proposal_page(request, actor, _load(actor, proposal.id), receipt=receipt)
    return _proposal_page(request, actor, proposal, vote_form=form, status=submission.status)


@require_POST
@coalition_page("proposal.view")
def proposal_comment(request, actor, proposal_id):
    proposal = _load(actor, proposal_id)
    policy.require(actor, "proposal.comment", proposal)
    form = CommentForm(request.POST)
    status = submit(
        request,
        form,
        lambda data: services.add_comment(actor, proposal.id, body=data["body"]),
        success=_("Your comment is added."),
    ).status
    if status is None:
        return redirect(_url(actor, "proposal", proposal_id=proposal.id) + "#comments")
    return _proposal_page(request, actor, proposal, comment_form=form, status=status)


@GET_POST
@coalition_page("proposal.view")
def proposal_edit(request, actor, proposal_id):
    proposal = selectors.proposal(actor, proposal_id)
    policy.require(actor, "proposal.edit", proposal)
    form = EditProposalForm(
        request.POST or None, initial={"title": proposal.title, "body": proposal.body}
    )
    status = 200
    if request.method == "POST":
        status = submit(
            request,
            form,
            lambda data: services.update_proposal(actor, proposal.id, **data),
            success=_("The proposal is saved."),
        ).status
        if status is None:
            return redirect(_url(actor, "proposal", proposal_id=proposal.id))
    return page(
        request, actor, "decisions/proposal_edit.html", proposal=proposal, form=form, status=status
    )


def _state_change(request, actor, proposal, change, success):
    try:
        change()
    except DomainError as error:
        _page_error(error)
        return _proposal_page(request, actor, proposal, error=error.message, status=error.status)
    messages.success(request, success)
    return redirect(_url(actor, "proposal", proposal_id=proposal.id))


@require_POST
@coalition_page("proposal.view")
def proposal_open(request, actor, proposal_id):
    proposal = selectors.proposal(actor, proposal_id)
    policy.require(actor, "proposal.open", proposal)
    return _state_change(
        request,
        actor,
        proposal,
        lambda: services.open_proposal(actor, proposal.id),
        _("The proposal is open for decision. The electorate has been notified."),
    )


@require_POST
@coalition_page("proposal.close")
def proposal_close(request, actor, proposal_id):
    proposal = _load(actor, proposal_id)
    return _state_change(
        request,
        actor,
        proposal,
        lambda: services.close_proposal(proposal.id, actor=actor),
        _("The decision is closed and its outcome recorded."),
    )


@require_http_methods(["GET", "POST"])
@coalition_page("proposal.view")
def proposal_receipts(request, actor, proposal_id):
    """The published receipts; a code is checked by POST so it never lands in a URL log."""
    proposal = _load(actor, proposal_id)
    secret = proposal.rule is not None and proposal.rule.secret
    form = ReceiptCheckForm(request.POST if request.method == "POST" else None)
    found = None  # not checked; then "listed", "sealed" or "" (not found)
    if secret and form.is_bound and form.is_valid():
        found = selectors.receipt_status(proposal, form.cleaned_data["code"]) or ""
    return page(
        request,
        actor,
        "decisions/receipts.html",
        proposal=proposal,
        secret=secret,
        receipts=selectors.receipts(proposal) if secret else [],
        sealed=selectors.sealed_ballots(proposal) if secret else 0,
        batch=mix.BATCH,
        form=form,
        found=found,
        status=200 if form.is_valid() or not form.is_bound else 400,
    )


# --- categories and rules -----------------------------------------------------------


def _categories_with_rules(actor):
    return list(
        Category.objects.filter(coalition=actor.coalition)
        .prefetch_related(
            Prefetch(
                "rules",
                queryset=Rule.objects.select_related("committee", "adopted_by").order_by(
                    "-version"
                ),
            )
        )
        .order_by("name")
    )


@GET_POST
@coalition_page("decisions.list")
def rules(request, actor):
    if request.method == "POST":
        policy.require(actor, "categories.manage")  # before anything is written
    may_manage = policy.allows(actor, "categories.manage")
    form = CategoryForm(request.POST or None) if may_manage else None
    status = 200
    if request.method == "POST":
        submission = submit(
            request,
            form,
            lambda data: services.create_category(actor, **data),
            success=_("The category is created. Give it a decision rule next."),
        )
        status = submission.status
        if status is None:
            return redirect(_url(actor, "rule_define") + f"?category={submission.result.id}")
    categories = _with_charter(actor, _categories_with_rules)
    return page(
        request,
        actor,
        "decisions/rules.html",
        categories=categories,
        charter=next(c for c in categories if c.slug == Category.CHARTER_SLUG),
        form=form,
        may_define=policy.allows(actor, "rules.define"),
        may_propose=policy.allows(actor, "proposal.create"),
        status=status,
    )


@GET_POST
@coalition_page("rules.define")
def rule_define(request, actor):
    services.ensure_charter_category(actor.coalition)
    without_rule = list(
        Category.objects.filter(coalition=actor.coalition, rules__isnull=True).order_by("name")
    )
    initial = {}
    chosen = _int_param(request, "category")
    if any(c.id == chosen for c in without_rule):
        initial["category_id"] = chosen
    form = DefineRuleForm(
        request.POST or None,
        categories=without_rule,
        committees=_committees(actor),
        initial=initial,
    )
    status = 200
    if request.method == "POST":
        status = submit(
            request,
            form,
            lambda data: services.define_rule(actor, data["category_id"], **form.rule_terms()),
            success=_("The decision rule is set."),
            aliases={"category": "category_id"},
        ).status
        if status is None:
            return redirect(_url(actor, "rules") + f"#category-{form.cleaned_data['category_id']}")
    return page(
        request,
        actor,
        "decisions/rule_form.html",
        form=form,
        without_rule=without_rule,
        status=status,
    )


# --- the conflict register ----------------------------------------------------------


@require_GET
@coalition_page("conflicts.list")
def conflicts(request, actor):
    found = list(selectors.conflicts(actor)[:200])
    return page(
        request,
        actor,
        "decisions/conflicts.html",
        conflicts=found,
        sees_all=actor.has(coalition_policy.Role.STEERING),
        may_create=policy.allows(actor, "conflicts.create"),
    )


@GET_POST
@coalition_page("conflicts.create")
def conflict_create(request, actor):
    form = ConflictForm(request.POST or None)
    status = 200
    if request.method == "POST":
        submission = submit(
            request,
            form,
            lambda data: services.raise_conflict(actor, **data),
            success=_("The issue is in the conflict register."),
        )
        status = submission.status
        if status is None:
            conflict = submission.result
            if policy.allows(actor, "conflict.view", conflict):
                return redirect(_url(actor, "conflict", conflict_id=conflict.id))
            messages.info(
                request,
                _(
                    "You raised it anonymously, so it does not appear in your own list. "
                    "The steering committee can see it."
                ),
            )
            return redirect(_url(actor, "conflicts"))
    return page(request, actor, "decisions/conflict_form.html", form=form, status=status)


def _conflict_form(actor, conflict, data=None):
    if not policy.allows(actor, "conflict.update", conflict):
        return None
    initial = {"status": conflict.status, "outcome": conflict.outcome}
    if policy.allows(actor, "conflict.assign", conflict):
        initial["mediator"] = conflict.mediator
        return ConflictAssignForm(data, initial=initial)
    return ConflictUpdateForm(data, initial=initial)


def _conflict_page(request, actor, conflict, *, form=None, status=200):
    linked = [
        p
        for p in conflict.proposals.select_related("category").order_by("-created_at")
        if policy.allows(actor, "proposal.view", p)
    ]
    return page(
        request,
        actor,
        "decisions/conflict.html",
        conflict=conflict,
        raised_by=_user_label(actor, conflict.raised_by_id) if conflict.raised_by_id else "",
        owner=_user_label(actor, conflict.owner_id) if conflict.owner_id else "",
        form=form or _conflict_form(actor, conflict),
        linked=linked,
        may_propose=policy.allows(actor, "proposal.create"),
        status=status,
    )


@require_GET
@coalition_page(None)
def conflict_view(request, actor, conflict_id):
    if not actor.is_signed_in:
        return redirect_to_login(request.get_full_path())
    return _conflict_page(request, actor, selectors.conflict(actor, conflict_id))


@require_POST
@coalition_page(None)
def conflict_update(request, actor, conflict_id):
    conflict = selectors.conflict(actor, conflict_id)
    policy.require(actor, "conflict.update", conflict)
    form = _conflict_form(actor, conflict, request.POST)
    if isinstance(form, ConflictAssignForm):
        arguments = form.service_arguments
    else:

        def arguments():
            return {"status": form.cleaned_data["status"], "outcome": form.cleaned_data["outcome"]}

    status = submit(
        request,
        form,
        lambda data: services.update_conflict(actor, conflict.id, **arguments()),
        success=_("The issue is updated."),
    ).status
    if status is None:
        return redirect(_url(actor, "conflict", conflict_id=conflict.id))
    conflict.refresh_from_db()
    return _conflict_page(request, actor, conflict, form=form, status=status)


# --- notifications ------------------------------------------------------------------


@GET_POST
@coalition_page("decisions.list")
def notifications(request, actor):
    if request.method == "POST":
        changed = services.mark_notifications_read(actor)
        if changed:
            messages.success(request, _("All notifications are marked as read."))
        return redirect(_url(actor, "notifications"))
    found = list(selectors.notifications(actor))
    return page(
        request,
        actor,
        "decisions/notifications.html",
        notifications=found,
        unread=sum(1 for n in found if n.read_at is None),
    )


urlpatterns = [
    path("", decision_list, name="list"),
    path("new/", proposal_create, name="proposal_create"),
    path("<int:proposal_id>/", proposal_view, name="proposal"),
    path("<int:proposal_id>/edit/", proposal_edit, name="proposal_edit"),
    path("<int:proposal_id>/open/", proposal_open, name="proposal_open"),
    path("<int:proposal_id>/close/", proposal_close, name="proposal_close"),
    path("<int:proposal_id>/vote/", proposal_vote, name="proposal_vote"),
    path("<int:proposal_id>/comment/", proposal_comment, name="proposal_comment"),
    path("<int:proposal_id>/receipts/", proposal_receipts, name="proposal_receipts"),
    path("rules/", rules, name="rules"),
    path("rules/define/", rule_define, name="rule_define"),
    path("conflicts/", conflicts, name="conflicts"),
    path("conflicts/new/", conflict_create, name="conflict_create"),
    path("conflicts/<int:conflict_id>/", conflict_view, name="conflict"),
    path("conflicts/<int:conflict_id>/update/", conflict_update, name="conflict_update"),
    path("notifications/", notifications, name="notifications"),
]
