"""The API keeps its word: what the OpenAPI document promises is what the operations do.

* a body that is not the documented object (``5``, ``[]``, ``"x"``, ``null``) is refused
  with 422 naming the body, and nothing is written;
* every documented string ``maxLength`` is the enforced limit: a value of exactly that
  length is not refused for its length, one character more is refused 422 naming the field.
"""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coalesce.accounts.models import ApiToken
from tests.support.targets import (
    credit_targets,
    decision_targets,
    expertise_targets,
    live_session_targets,
    meetings_targets,
    spokespeople_targets,
    statement_targets,
    update_targets,
)

pytestmark = pytest.mark.usefixtures("fast_hashing")

WRITES = {"post", "put", "patch", "delete"}


def openapi():
    from coalesce.api import api

    return api.get_openapi_schema()


def json_writes():
    """(method, path template, operation) of every operation with a JSON request body."""
    found = []
    for path, operations in openapi()["paths"].items():
        for method, op in operations.items():
            content = (op.get("requestBody") or {}).get("content", {})
            if method in WRITES and "application/json" in content:
                found.append((method, path, op))
    return found


def _ids(op):
    return op["operationId"]


@pytest.fixture
def targets(world):
    """Real records for every path parameter, owned or reachable by the steering user."""
    from coalesce.groundwork.models import Challenge, ProspectivePartner
    from coalesce.training.models import Plan

    decisions = decision_targets(world)
    plan = Plan.objects.create(
        owner=world.users["steering"], module_id="module-12", title="S", available_minutes=120
    )
    live = live_session_targets(plan)
    partner = ProspectivePartner.objects.create(coalition=world.coalition, description="Media")
    challenge = Challenge.objects.create(coalition=world.coalition, challenge="Trust")
    updates = update_targets(world)
    statements = statement_targets(world)
    voices = spokespeople_targets(world)
    credit = credit_targets(world)
    expertise = expertise_targets(world)
    meetings = meetings_targets(world)
    return {
        "slug": "safer-streets",
        "kind": "conduct",
        "membership_id": world.memberships["member"].id,
        "committee_id": world.committee.id,
        "application_id": world.pending_application.id,
        "category_id": decisions["category"],
        "proposal_id": decisions["proposal"],
        "conflict_id": decisions["conflict"],
        "plan_id": plan.pk,
        "session_id": live["session"],
        "card_id": live["card"],
        "participant_id": live["paper_participant"],
        "code": live["session_code"],
        "finished_session": live["finished_session"],
        "other_card": live["other_card"],
        "partner_id": partner.pk,
        "challenge_id": challenge.pk,
        "module_id": "module-12",
        "update_id": updates["update_all"],
        "update_link": updates["update_link"],
        "statement_id": statements["statement_draft"],
        "statement_category": statements["statement_category"],
        "mandate_id": voices["mandate"],
        "voice_request": voices["voice_request"],
        "assignment_id": voices["assignment"],
        "output_id": credit["credit_output"],
        "contribution_id": credit["credit_contribution"],
        "help_request": expertise["help_request"],
        "meeting_id": meetings["meeting"],
        "meeting_time": meetings["meeting_time"],
        "venue_id": meetings["venue_spare"],
        "venue_online": meetings["venue_online"],
        "item_id": meetings["agenda_item"],
        "meeting_scheduled": meetings["meeting_scheduled"],
        **goals_path_targets(world),  # goals (issue 13)
        **health_path_targets(world),  # health (issue 13)
    }


# Path parameters two apps name alike: which record each operation's means.
PATH_TARGETS = {
    "assign_voice": {"request_id": "voice_request"},
    "respond_to_help_request": {"request_id": "help_request"},
    "add_minute": {"meeting_id": "meeting_scheduled"},
}


def _targets_of(op, targets):
    chosen = PATH_TARGETS.get(op["operationId"], {})
    return {**targets, **{name: targets[key] for name, key in chosen.items()}}


@pytest.fixture
def bearer(world):
    _token, raw = ApiToken.issue(world.users["steering"], "tests")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def _url(path, targets):
    return path.format(**{k: v for k, v in targets.items()})


def _writes(queries):
    """Statements that change data, apart from the token's last-used time."""
    return [
        q["sql"]
        for q in queries
        if q["sql"].split(None, 1)[0].upper() in {"INSERT", "UPDATE", "DELETE"}
        and "accounts_apitoken" not in q["sql"]
    ]


@pytest.mark.parametrize("method,path,op", json_writes(), ids=[_ids(o) for *_, o in json_writes()])
def test_a_body_that_is_not_an_object_is_refused(client, bearer, targets, method, path, op):
    for body in ["5", "[]", '"x"', "null", "true"]:
        with CaptureQueriesContext(connection) as queries:
            response = getattr(client, method)(
                _url(path, _targets_of(op, targets)),
                body,
                content_type="application/json",
                **bearer,
            )
        assert response.status_code == 422, (body, response.status_code, response.content)
        answer = response.json()
        assert answer["field"] == "body", (body, answer)
        assert not _writes(queries), (body, _writes(queries))


# --- documented limits are the enforced ones ---------------------------------------------

# A body each operation accepts as the steering user (or at least gets past the checks of
# its own fields); each limit is tried in it, one field at a time.
BASELINES = {
    "update_me": {"display_name": "Ann"},
    "create_token": {"name": "t"},
    "create_coalition": {"name": "New coalition"},
    "update_coalition": {"name": "Safer"},
    "update_charter_policy": {"status": "draft", "text": "t"},
    "add_focus_area": {"name": "Policing"},
    "create_organisation": {"name": "Org", "actor_type": "ngo", "country": "KE"},
    "add_person": {"full_name": "Ann"},
    "update_member_protection": {"visibility": "members"},
    "set_member_status": {"status": "suspended", "reason": "r"},
    "add_requirement": {"text": "t"},
    "submit_application": {"kind": "individual", "person_name": "P", "answers": {}},
    "decide_application": {"approve": False, "reason": "r"},
    "create_committee": {"name": "C", "kind": "custom", "custom_role": "Role"},
    "update_committee": {"name": "C", "kind": "custom", "custom_role": "Role"},
    "seat_member": {"role": "custom", "role_title": "T"},
    "grant_staff_role": {"email": "member@example.org", "role": "custodian"},
    "create_category": {"name": "N"},
    "define_rule": {"method": "consensus", "electorate": "all_members"},
    "create_proposal": {"category_id": "{category_id}", "title": "T", "body": "B"},
    "update_proposal": {"title": "T", "body": "B"},
    "add_comment": {"body": "B"},
    "cast_ballot": {"position": "block", "reason": "r"},
    "check_receipt": {"code": "c"},
    "raise_conflict": {"title": "T", "description": "D"},
    "update_conflict": {"outcome": "o"},
    "mark_notifications_read": {},
    "fit_training_module": {"module_id": "module-12", "available_minutes": 120},
    "create_training_plan": {"module_id": "module-12", "title": "T", "available_minutes": 120},
    "update_training_plan": {"title": "T"},
    "open_live_session": {},
    "go_to_item": {"item_id": "strengths-weaknesses"},
    "set_live_quiz": {"phase": "pre"},
    "merge_board_card": {"into_id": "{other_card}"},
    "move_board_card": {"point": 0},
    "check_expected_point": {"item_id": "strengths-weaknesses", "point": 0},
    "form_activity_groups": {"item_id": "strengths-weaknesses"},
    "add_paper_participant": {"label": "Sheet"},
    "record_paper_answers": {"phase": "pre", "answers": {}},
    "session_into_coalition": {"name": "From training"},
    "join_live_session": {"code": "{code}", "display_name": "Bo"},
    "post_board_card": {"item_id": "strengths-weaknesses", "text": "t"},
    "answer_live_quiz": {"phase": "pre", "answers": {}},
    "record_group_work": {"item_id": "strengths-weaknesses", "record": {"x": "y"}},
    "add_prospective_partner": {"description": "D"},
    "set_partner_status": {"status": "approached"},
    "update_prospective_partner": {"relationship": "none"},
    "invite_prospective_partner": {"email": "p@example.org"},
    "convert_prospective_partner": {"name": "N", "actor_type": "ngo", "country": "KE"},
    "add_challenge": {"challenge": "C"},
    "update_challenge": {"strategy": "S"},
    "create_invitation": {"email": "new@example.org"},
    "request_to_join": {"email": "new@example.org"},
    "post_update": {"title": "T", "body": "B"},
    "reply_to_update": {"body": "B"},
    "acknowledge_update_by_link": {"token": "{update_link}"},
    "add_finance_account": {"name": "Petty cash", "kind": "asset"},
    "record_finance_entry": {"kind": "income", "date": "2026-03-01", "description": "D"},
    "add_finance_budget_line": {"year": 2026, "name": "Travel", "planned": "100.00"},
    "set_finance_rule": {
        "currency": "EUR",
        "approval_threshold": "500.00",
        "approvals_required": 1,
    },
    "create_statement": {"title": "T", "text": "Text"},
    "edit_statement": {"title": "T", "text": "Text"},
    "comment_on_statement": {"body": "B"},
    "lock_statement": {"category_id": "{statement_category}"},
    "sign_statement": {"membership_id": "{membership_id}", "mode": "named", "text_hash": "0"},
    "grant_mandate": {
        "topic": "policing",
        "language": "en",
        "membership_id": "{membership_id}",
        "starts_on": "2026-01-01",
        "expires_on": "2099-01-01",
    },
    "renew_mandate": {"expires_on": "2099-01-01"},
    "create_voice_request": {
        "topic": "policing",
        "language": "en",
        "title": "T",
        "kind": "media",
        "needed_on": "2099-01-01",
    },
    "assign_voice": {"mandate_id": "{mandate_id}"},
    "answer_assignment": {"accept": True},
    "update_credit_policy": {
        "roles": ["drafting"],
        "name_order": "alphabetical",
        "count_unnamed": True,
        "minimum_degree": "supporting",
    },
    "record_output": {"title": "T", "kind": "report", "date": "2026-03-01"},
    "record_contribution": {
        "membership_id": "{membership_id}",
        "role": "research",
        "degree": "equal",
    },
    "set_contribution_credit": {"consent": "public"},
    "add_expertise_entry": {"side": "offer", "kind": "skill", "topic": "research", "text": "T"},
    "create_help_request": {"topic": "research", "text": "T"},
    "respond_to_help_request": {"message": "M"},
    "set_update_settings": {"members_may_post": True},
    "set_reader_preference": {"counted_not_named": False},
    "choose_digest": {"frequency": "weekly"},
    # meetings (issue 13)
    "create_meeting": {
        "title": "T",
        "time_zone": "UTC",
        "duration_minutes": 60,
        "times": ["2099-01-01T10:00:00Z"],
        "venue_ids": ["{venue_online}"],
    },
    "answer_meeting_poll": {
        "time_zone": "UTC",
        "answers": [{"time_id": "{meeting_time}", "answer": "yes"}],
    },
    "schedule_meeting": {"time_id": "{meeting_time}", "venue_id": "{venue_online}"},
    "add_venue": {"name": "N", "address": "A"},
    "set_unsafe_venues": {"venue_ids": []},
    "add_agenda_item": {"title": "T"},
    "add_minute": {"kind": "note", "text": "T"},
    # goals (issue 13)
    "add_shared_value": {"text": "T"},
    "edit_shared_value": {"text": "T"},
    "create_goal": {"title": "T", "horizon": "short"},
    "edit_goal": {"title": "T"},
    "add_goal_indicator": {"name": "N", "kind": "number"},
    "add_indicator_period": {
        "starts_on": "2031-01-01",
        "ends_on": "2031-02-01",
        "target_value": "1",
    },
    "draft_indicator_update": {"value": "1"},
    "approve_indicator_update": {},
    "return_indicator_update": {"note": "N"},
    "create_goal_task": {"title": "T", "committee_id": "{committee_id}"},
    "edit_goal_task": {"status": "done"},
    "link_challenge_goal": {"goal_id": "{goal_id}"},
    # health (issue 13)
    "open_health_wave": {"title": "T", "closes_on": "2099-01-01"},
    "answer_health_wave": {"scores": {"equity_voice": 3}, "size": "small"},
    "open_health_concern": {"theme": "equity", "kind": "conflict"},
}

LENGTH_WORDS = ("character", "too long", "shorter")


def _resolve(schema, components):
    while "$ref" in schema:
        schema = components[schema["$ref"].split("/")[-1]]
    options = [s for s in schema.get("anyOf", []) if s.get("type") != "null"]
    if len(options) == 1:
        return _resolve(options[0], components)
    return schema


def documented_limits(op):
    """(path, type, minimum or None, maximum) of every bounded string or integer in the body.

    A path is a tuple of property names, ``"*"`` for a value of a mapping and ``"[]"``
    for an item of a list."""
    components = openapi()["components"]["schemas"]
    found = []

    def walk(schema, path):
        schema = _resolve(schema, components)
        kind = schema.get("type")
        if kind == "object":
            for name, sub in schema.get("properties", {}).items():
                walk(sub, (*path, name))
            if isinstance(schema.get("additionalProperties"), dict):
                walk(schema["additionalProperties"], (*path, "*"))
        elif kind == "array" and "items" in schema:
            walk(schema["items"], (*path, "[]"))
        elif kind == "string" and "maxLength" in schema:
            found.append((path, "string", schema.get("minLength"), schema["maxLength"]))
        elif kind == "integer" and ("maximum" in schema or "minimum" in schema):
            found.append((path, "integer", schema.get("minimum"), schema.get("maximum")))

    walk(op["requestBody"]["content"]["application/json"]["schema"], ())
    return found


def text_of_length(name: str, n: int) -> str:
    """A plausible value of exactly ``n`` characters for a field called ``name``."""
    if "email" in name and n >= 20:
        local = "a" * min(64, n - 16)
        domain_length = n - len(local) - 1
        labels, left = [], domain_length - 4  # ".org"
        while left > 0:
            take = min(63, left)
            if left - take == 1:
                take -= 1  # no label of length 0 after the dot
            labels.append("b" * take)
            left -= take + 1
        return f"{local}@{'.'.join(labels)}.org"[:n].ljust(n, "o")
    if name == "website" and n >= 30:
        return "https://example.org/" + "a" * (n - 20)
    return "x" * n


def _with(body: dict, path: tuple, value):
    """A copy of ``body`` with ``value`` at ``path``; returns (body, dotted field name)."""
    body = json.loads(json.dumps(body))
    here, names = body, []
    for i, part in enumerate(path):
        last = i == len(path) - 1
        if part == "*":
            key = next(iter(here), "k") if isinstance(here, dict) and here else "k"
            names.append(key)
            part = key
        elif part == "[]":
            names.append("0")
            part = 0
        else:
            names.append(part)
        following = None if last else path[i + 1]
        empty = {} if following not in ("[]",) else []
        if isinstance(here, list):
            while len(here) <= part:
                here.append(empty)
            if last:
                here[part] = value
            elif not isinstance(here[part], dict | list):
                here[part] = empty
        else:
            if last:
                here[part] = value
            elif not isinstance(here.get(part), dict | list):
                here[part] = empty
        if not last:
            here = here[part]
    return body, ".".join(names)


def _fill(body, targets):
    text = json.dumps(body)
    for key, value in targets.items():
        text = text.replace(f'"{{{key}}}"', json.dumps(value))
    return json.loads(text)


def _send(client, method, url, body, bearer):
    from django.db import transaction

    with transaction.atomic():
        response = getattr(client, method)(
            url, json.dumps(body), content_type="application/json", **bearer
        )
        transaction.set_rollback(True)
    return response


def _names(answer, field):
    named = answer.get("field") or ""
    return named == field or field.startswith(named + ".") and named != ""


# What a bounded integer's refusal says when it is refused for its size (not, say, for
# naming a record that does not exist).
BOUND_WORDS = re.compile(r"\bat (least|most)\b|\bfrom -?\d+ to -?\d+|\bbetween\b|greater|less")

# Refusals at a documented bound that a rule of the record explains (and the operation's
# description documents): a module needs at least its shortest time.
BUSINESS_REFUSALS = {("fit_training_module", "available_minutes", 1)}

# A nested object or mapping a limit is tried in, when the baseline has none.
NESTED = {
    "rule_change": {"method": "consensus", "electorate": "all_members"},
    "breaks": [{"after_item": "strengths-weaknesses", "minutes": 10}],
    "overrides": {"strengths-weaknesses": {}},
    "lines": [{"account_id": 1, "side": "debit", "amount": "1.00"}],
}


def _participant(targets, item_id=None):
    """A phone in the session (in a group of the activity ``item_id`` if given)."""
    from coalesce.training.live import services as live
    from coalesce.training.models import LiveSession

    session = LiveSession.objects.get(pk=targets["session_id"])
    _p, token = live.join(session.code, "Limits")
    if item_id:
        live.go_to(session.plan.owner, session.pk, item_id)
        live.make_groups(session.plan.owner, session.pk, item_id)
    return {"HTTP_X_PARTICIPANT_TOKEN": token}


def _caller(op_id, targets, bearer):
    if op_id == "record_group_work":
        return _participant(targets, "challenges-activity")
    if op_id in ("post_board_card", "answer_live_quiz"):
        return _participant(targets)
    return bearer


@pytest.mark.parametrize("method,path,op", json_writes(), ids=[_ids(o) for *_, o in json_writes()])
def test_every_documented_limit_is_the_enforced_one(client, bearer, targets, method, path, op):
    limits = documented_limits(op)
    if not limits:
        pytest.skip("no bounded field")
    op_id = op["operationId"]
    if op_id == "session_into_coalition":  # only a closed session is carried over
        targets = {**targets, "session_id": targets["finished_session"]}
    targets = _targets_of(op, targets)
    baseline = _fill(BASELINES[op_id], targets)
    url = _url(path, targets)
    caller = _caller(op_id, targets, bearer)
    problems = []
    for field_path, kind, low, high in limits:
        name = field_path[-1] if field_path[-1] not in ("*", "[]") else field_path[0]
        start = baseline
        if field_path[0] in NESTED and field_path[0] not in baseline:
            start = {**baseline, field_path[0]: NESTED[field_path[0]]}
        if kind == "string":
            inside = [text_of_length(name, high)]
            outside = [text_of_length(name, high + 1)]
        else:
            inside = [v for v in (low, high) if v is not None]
            outside = [low - 1] if low is not None else []
            outside += [high + 1] if high is not None else []
        for value in inside:
            body, field = _with(start, field_path, value)
            response = _send(client, method, url, body, caller)
            answer = response.json() if response.status_code >= 400 else {}
            detail = answer.get("detail", "").lower()
            refused_for_it = (
                response.status_code == 422
                or response.status_code == 400
                and (
                    any(w in detail for w in LENGTH_WORDS)
                    if kind == "string"
                    else bool(BOUND_WORDS.search(detail))
                )
            ) and _names(answer, field)
            if refused_for_it and (op_id, field, value) not in BUSINESS_REFUSALS:
                problems.append(f"{field}={str(value)[:20]}… ({len(str(value))}): {answer}")
        for value in outside:
            body, field = _with(start, field_path, value)
            response = _send(client, method, url, body, caller)
            if response.status_code != 422 or response.json().get("field") != field:
                problems.append(f"{field} over: {response.status_code} {response.content[:200]}")
    assert not problems, "\n".join(problems)


# goals (issue 13)
def goals_path_targets(world) -> dict:
    """goals (issue 13): the path parameters of the goals operations."""
    from tests.support.targets import goals_targets

    made = goals_targets(world)
    names = {"value_id": "goal_value", "goal_id": "goal", "indicator_id": "goal_indicator"}
    names |= {"period_id": "goal_period", "report_id": "goal_report", "task_id": "goal_task"}
    return {name: made[key] for name, key in names.items()}


# health (issue 13)
def health_path_targets(world) -> dict:
    """health (issue 13): an open wave, for the wave operations' path."""
    from tests.support.targets import health_targets

    return {"wave_id": health_targets(world)["health_wave_open"]}


# --- participation (issue 13) ---
BASELINES |= {
    # the world's meeting has not started: attendance is refused (409) past the body's checks
    "record_meeting_attendance": {"membership_ids": []},
    "set_participation_expectations": {
        "min_vote_share": 50,
        "min_attendance_share": 50,
        "period_months": 6,
    },
    "record_conduct_review": {"outcome": "no_action", "note": "N"},
}
