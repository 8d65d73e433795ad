"""The API authorisation matrix's table: every operation of the OpenAPI document, the
roles it allows and the objects its parameters name (``targets``, see
tests/support/targets.py); ``call`` makes one call as one role.

tests/project/test_api_authorization_matrix.py checks every operation against it (and
fails when an operation is missing from it); the leak tests make every read with ``call``.
"""

import json
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.test import Client

from coalesce.api import api
from tests.support.authz import ALL, MEMBER_LEVEL, NOBODY, SIGNED_IN


@dataclass(frozen=True)
class Op:
    allowed: frozenset
    params: dict = field(default_factory=dict)
    body: dict | None = None  # "…_id" values naming a `targets` key are resolved
    query: dict = field(default_factory=dict)
    # Participant operations: no account, so every role gets this status (with the
    # `participant_token` header when `participant` is set; without it, 404 for all).
    everyone: int | None = None
    participant: bool = False


STEERING_ADMIN = frozenset(["steering", "admin"])
VOTERS = frozenset(["member", "chair", "steering"])  # active members
AUTHOR_OR_STEERING = frozenset(["member", "steering"])  # "member" wrote the proposals
M = "membership:member"
PLAN_OWNER = frozenset(["member"])
S = {"session_id": "session"}

OPERATIONS = {
    "get_me": Op(SIGNED_IN),
    "update_me": Op(SIGNED_IN, body={"language": "fr"}),
    "list_tokens": Op(SIGNED_IN),
    "create_token": Op(SIGNED_IN, body={"name": "t"}),
    "revoke_token": Op(frozenset(["admin"]), {"token_id": "token"}),
    "list_coalitions": Op(ALL),
    "create_coalition": Op(SIGNED_IN, body={"name": "New coalition", "founder_kind": "person"}),
    "get_coalition": Op(ALL),
    "update_coalition": Op(frozenset(["admin"]), body={"name": "Renamed"}),
    "list_awaiting": Op(MEMBER_LEVEL),
    "get_charter": Op(MEMBER_LEVEL),
    "update_charter_policy": Op(
        STEERING_ADMIN, {"kind": "leadership"}, {"status": "draft", "text": "Draft"}
    ),
    "list_focus_areas": Op(SIGNED_IN),
    "add_focus_area": Op(STEERING_ADMIN, body={"name": "Prisons"}),
    "list_organisations": Op(MEMBER_LEVEL),
    "create_organisation": Op(
        frozenset(["steering"]), body={"name": "New Org", "actor_type": "cso", "country": "KE"}
    ),
    "add_person": Op(frozenset(["steering"]), body={"full_name": "New Person"}),
    "list_members": Op(ALL),
    "get_member": Op(MEMBER_LEVEL, {"membership_id": M}),
    "read_member_contacts": Op(frozenset(["member", "custodian"]), {"membership_id": M}),
    "update_member_protection": Op(
        frozenset(["member", "custodian"]), {"membership_id": M}, {"visibility": "public"}
    ),
    "set_member_status": Op(
        frozenset(["steering"]), {"membership_id": M}, {"status": "suspended", "reason": "x"}
    ),
    "acknowledge_conduct": Op(frozenset(["member"]), {"membership_id": M}),
    "list_requirements": Op(SIGNED_IN),
    "add_requirement": Op(STEERING_ADMIN, body={"text": "Be kind"}),
    "retire_requirement": Op(STEERING_ADMIN, {"requirement_id": "requirement"}),
    "list_applications": Op(frozenset(["steering"])),
    "submit_application": Op(
        frozenset(["outsider", "admin", "custodian"]), body={"kind": "person", "person_name": "X"}
    ),
    "get_application": Op(frozenset(["steering", "applicant"]), {"application_id": "application"}),
    "decide_application": Op(
        frozenset(["steering"]),
        {"application_id": "application"},
        {"approve": False, "reason": "x"},
    ),
    "withdraw_application": Op(frozenset(["applicant"]), {"application_id": "application"}),
    "list_committees": Op(MEMBER_LEVEL),
    "create_committee": Op(STEERING_ADMIN, body={"name": "Lobby", "kind": "lobbying"}),
    "list_uncovered_members": Op(MEMBER_LEVEL),
    "get_committee": Op(MEMBER_LEVEL, {"committee_id": "committee"}),
    "update_committee": Op(STEERING_ADMIN, {"committee_id": "committee"}, {"name": "Renamed"}),
    "delete_committee": Op(STEERING_ADMIN, {"committee_id": "committee"}),
    "seat_member": Op(
        frozenset(["chair", "steering", "admin"]),
        {"committee_id": "committee", "membership_id": "membership:steering"},
        {"role": "member"},
    ),
    "unseat_member": Op(
        frozenset(["chair", "steering", "admin"]),
        {"committee_id": "committee", "membership_id": M},
    ),
    "get_diversity": Op(MEMBER_LEVEL),
    # a JSON body is not a file: refused before it is read, a 422 for those allowed
    "import_members": Op(STEERING_ADMIN),
    "export_members": Op(frozenset(["steering", "admin", "custodian"])),
    "grant_staff_role": Op(
        frozenset(["admin"]), body={"email": "member@example.org", "role": "custodian"}
    ),
    # decisions; targets: category, proposal (open), draft_proposal, secret_proposal, conflict
    "list_categories": Op(MEMBER_LEVEL),
    "create_category": Op(STEERING_ADMIN, body={"name": "Budget"}),
    "define_rule": Op(
        STEERING_ADMIN,
        {"category_id": "category"},
        {"method": "consent", "electorate": "all_members"},
    ),
    "list_proposals": Op(MEMBER_LEVEL),
    "create_proposal": Op(
        VOTERS, body={"category_id": "category", "title": "New statement", "body": "Text."}
    ),
    "get_proposal": Op(MEMBER_LEVEL, {"proposal_id": "proposal"}),
    "update_proposal": Op(
        AUTHOR_OR_STEERING, {"proposal_id": "draft_proposal"}, {"title": "Renamed"}
    ),
    "open_proposal": Op(AUTHOR_OR_STEERING, {"proposal_id": "draft_proposal"}),
    "close_proposal": Op(frozenset(["steering"]), {"proposal_id": "proposal"}),
    "list_comments": Op(MEMBER_LEVEL, {"proposal_id": "proposal"}),
    "add_comment": Op(VOTERS, {"proposal_id": "proposal"}, {"body": "Agreed."}),
    "cast_ballot": Op(VOTERS, {"proposal_id": "proposal"}, {"position": "agree"}),
    "list_receipts": Op(MEMBER_LEVEL, {"proposal_id": "secret_proposal"}),
    "check_receipt": Op(
        MEMBER_LEVEL, {"proposal_id": "secret_proposal"}, body={"code": "0123456789AB"}
    ),
    "list_conflicts": Op(MEMBER_LEVEL),
    "raise_conflict": Op(VOTERS, body={"title": "Credit", "description": "Not named."}),
    "get_conflict": Op(AUTHOR_OR_STEERING, {"conflict_id": "conflict"}),  # raised by member
    "update_conflict": Op(
        frozenset(["steering"]), {"conflict_id": "conflict"}, {"status": "in_progress"}
    ),
    "list_notifications": Op(MEMBER_LEVEL),
    "mark_notifications_read": Op(MEMBER_LEVEL, body={}),
    # training: any signed-in facilitator; the plan in `targets` is the member's
    "list_training_modules": Op(SIGNED_IN),
    "get_training_module": Op(SIGNED_IN, {"module_id": "module-12"}),
    "fit_training_module": Op(SIGNED_IN, body={"module_id": "module-12", "available_minutes": 90}),
    "list_training_plans": Op(SIGNED_IN),
    "create_training_plan": Op(
        SIGNED_IN, body={"module_id": "module-12", "title": "Session", "available_minutes": 90}
    ),
    "get_training_plan": Op(PLAN_OWNER, {"plan_id": "plan"}),
    "update_training_plan": Op(PLAN_OWNER, {"plan_id": "plan"}, {"title": "Renamed"}),
    "delete_training_plan": Op(PLAN_OWNER, {"plan_id": "plan"}),
    "get_training_plan_agenda": Op(PLAN_OWNER, {"plan_id": "plan"}),
    # live sessions: the member facilitates `session` (open, on the discussion, Ada joined
    # and posted `card` and `other_card`) and `finished_session` (closed)
    "list_live_sessions": Op(SIGNED_IN),
    "open_live_session": Op(PLAN_OWNER, {"plan_id": "plan"}, {"anonymous": False}),
    "get_live_session": Op(PLAN_OWNER, S),
    "go_to_item": Op(PLAN_OWNER, S, {"item_id": "challenges-activity"}),
    "set_live_quiz": Op(PLAN_OWNER, S, {"phase": "pre"}),
    "close_live_session": Op(PLAN_OWNER, S),
    "merge_board_card": Op(PLAN_OWNER, {**S, "card_id": "card"}, {"into_id": "other_card"}),
    "unmerge_board_card": Op(PLAN_OWNER, {**S, "card_id": "card"}),
    "move_board_card": Op(PLAN_OWNER, {**S, "card_id": "card"}, {"point": 0}),
    "check_expected_point": Op(PLAN_OWNER, S, {"item_id": "strengths-weaknesses", "point": 0}),
    "form_activity_groups": Op(PLAN_OWNER, S, {"item_id": "challenges-activity"}),
    "add_paper_participant": Op(PLAN_OWNER, S, {"label": "Sheet 2"}),
    "record_paper_answers": Op(
        PLAN_OWNER,
        {**S, "participant_id": "paper_participant"},
        {"phase": "pre", "answers": {"q-12-1": 2}},
    ),
    "get_live_results": Op(PLAN_OWNER, S),
    "session_into_coalition": Op(
        PLAN_OWNER, {"session_id": "finished_session"}, {"name": "From the training room"}
    ),
    # participants: no account; Ada's token is the key, whoever holds it
    "join_live_session": Op(
        NOBODY, body={"code": "session_code", "display_name": "Bo"}, everyone=201
    ),
    "get_live_phone": Op(NOBODY, {"code": "session_code"}, everyone=200, participant=True),
    "post_board_card": Op(
        NOBODY,
        {"code": "session_code"},
        {"item_id": "strengths-weaknesses", "text": "Shared costs"},
        everyone=201,
        participant=True,
    ),
    "answer_live_quiz": Op(  # no test is open: refused for everyone, nothing stored
        NOBODY,
        {"code": "session_code"},
        {"phase": "pre", "answers": {"q-12-1": 2}},
        everyone=409,
        participant=True,
    ),
    "record_group_work": Op(  # the room is on the discussion, not the activity
        NOBODY,
        {"code": "session_code"},
        {"item_id": "challenges-activity", "record": {"Challenge": "Trust"}},
        everyone=409,
        participant=True,
    ),
    # groundwork: members read, the steering committee and admins keep it
    "list_groundwork": Op(MEMBER_LEVEL),
    "add_prospective_partner": Op(STEERING_ADMIN, body={"description": "Bar association"}),
    "set_partner_status": Op(STEERING_ADMIN, {"partner_id": "partner"}, {"status": "approached"}),
    "add_challenge": Op(STEERING_ADMIN, body={"challenge": "Funding", "strategy": "Pool it"}),
    "update_challenge": Op(STEERING_ADMIN, {"challenge_id": "challenge"}, {"status": "addressed"}),
    "update_prospective_partner": Op(
        STEERING_ADMIN, {"partner_id": "partner"}, {"influence": 3, "interest": 2}
    ),
    "invite_prospective_partner": Op(
        STEERING_ADMIN, {"partner_id": "partner"}, {"email": "someone@bar.example.org"}
    ),
    "convert_prospective_partner": Op(
        frozenset(["steering"]),
        {"partner_id": "partner"},
        {"name": "Bar association", "actor_type": "professional_association", "country": "KE"},
    ),
    # invitations: the steering committee and admins; asking to join: anyone not a member
    "list_invitations": Op(STEERING_ADMIN),
    "create_invitation": Op(STEERING_ADMIN, body={"email": "invitee@example.org"}),
    "revoke_invitation": Op(STEERING_ADMIN, {"invitation_id": "invitation"}),
    "request_to_join": Op(
        frozenset(["anonymous", "outsider", "applicant", "admin", "custodian"]),
        body={"email": "visitor@example.org"},
    ),
    "list_updates": Op(MEMBER_LEVEL),
    "get_update": Op(MEMBER_LEVEL, {"update_id": "update_all"}),
    "get_update_counts": Op(frozenset(["steering"]), {"update_id": "update_all"}),
    "get_update_settings": Op(frozenset(["steering"])),
    "set_update_settings": Op(frozenset(["steering"]), body={"members_may_post": True}),
    "get_reader_preference": Op(VOTERS),
    "set_reader_preference": Op(VOTERS, body={"counted_not_named": True}),
    "get_digest": Op(VOTERS),
    "choose_digest": Op(VOTERS, body={"frequency": "weekly"}),
    "post_update": Op(
        frozenset(["member", "chair", "steering", "admin"]),
        body={"title": "Hello", "body": "News", "committee_id": "committee"},
    ),
    "mark_update_read": Op(frozenset(["member", "chair"]), {"update_id": "update_all"}),
    "acknowledge_update": Op(frozenset(["member", "chair"]), {"update_id": "update_all"}),
    "reply_to_update": Op(
        frozenset(["member", "chair", "steering", "admin"]),
        {"update_id": "update_all"},
        body={"body": "Thanks"},
    ),
    # the e-mail's link, by its token: a forged one is refused alike for everybody
    "acknowledge_update_by_link": Op(NOBODY, body={"token": "forged"}, everyone=404),
    "list_finance_accounts": Op(MEMBER_LEVEL),
    "add_finance_account": Op(STEERING_ADMIN, body={"name": "Petty cash", "kind": "asset"}),
    "list_finance_entries": Op(MEMBER_LEVEL),
    "get_finance_entry": Op(MEMBER_LEVEL, {"entry_id": "finance_pending"}),
    "record_finance_entry": Op(
        STEERING_ADMIN,
        body={
            "kind": "expense",
            "date": "2026-03-01",
            "description": "Printing",
            "amount": "45.00",
            "account_id": "finance_travel",
            "funds_account_id": "finance_cash",
        },
    ),
    "approve_finance_entry": Op(frozenset(["steering"]), {"entry_id": "finance_pending"}),
    "reject_finance_entry": Op(frozenset(["steering"]), {"entry_id": "finance_pending"}),
    "list_finance_budget": Op(MEMBER_LEVEL),
    "add_finance_budget_line": Op(
        STEERING_ADMIN, body={"year": 2026, "name": "Printing", "planned": "300"}
    ),
    "get_finance_rule": Op(MEMBER_LEVEL),
    "set_finance_rule": Op(
        frozenset(["steering"]),
        body={"currency": "KES", "approval_threshold": "1000", "approvals_required": 2},
    ),
    "finance_report": Op(MEMBER_LEVEL),
    "export_finance_ledger": Op(MEMBER_LEVEL),
    "list_statements": Op(MEMBER_LEVEL),
    "create_statement": Op(VOTERS, body={"title": "T", "text": "X"}),
    "get_statement": Op(MEMBER_LEVEL, {"statement_id": "statement_draft"}),
    "edit_statement": Op(
        AUTHOR_OR_STEERING, {"statement_id": "statement_draft"}, {"text": "Changed."}
    ),
    "comment_on_statement": Op(VOTERS, {"statement_id": "statement_draft"}, {"body": "Hm."}),
    "lock_statement": Op(
        AUTHOR_OR_STEERING,
        {"statement_id": "statement_draft"},
        {"category_id": "statement_category"},
    ),
    "sign_statement": Op(
        VOTERS,
        {"statement_id": "statement_signing"},
        {
            "membership_id": M,
            "mode": "named",
            # SHA-256 of tests.support.statements.SIGNING_TEXT
            "text_hash": "28152673ed823e34c91024ce44b4c77c415371988e906ad9954c98febfb8b44d",
        },
    ),
    "reopen_statement": Op(frozenset(["steering"]), {"statement_id": "statement_signing"}),
    "publish_statement": Op(STEERING_ADMIN, {"statement_id": "statement_signing"}),
    "get_published_statement": Op(ALL, {"statement_id": "statement_published"}),
    "list_mandates": Op(MEMBER_LEVEL, query={"topic": "policing"}),
    "grant_mandate": Op(
        frozenset(["steering"]),
        body={
            "membership_id": "membership:chair",
            "topic": "prisons",
            "language": "en",
            "starts_on": "2030-01-01",
            "expires_on": "2030-12-31",
        },
    ),
    "renew_mandate": Op(
        frozenset(["steering"]), {"mandate_id": "mandate"}, {"expires_on": "2099-01-01"}
    ),
    "end_mandate": Op(frozenset(["steering"]), {"mandate_id": "mandate"}),
    "list_voice_requests": Op(MEMBER_LEVEL),
    "create_voice_request": Op(
        frozenset(["steering"]),
        body={
            "title": "Radio interview",
            "kind": "media",
            "topic": "policing",
            "language": "en",
            "needed_on": "2099-06-01",
        },
    ),
    "get_voice_request": Op(MEMBER_LEVEL, {"request_id": "voice_request"}),
    "assign_voice": Op(
        frozenset(["steering"]), {"request_id": "voice_request"}, {"mandate_id": "other_mandate"}
    ),
    "answer_assignment": Op(
        frozenset(["member", "steering"]), {"assignment_id": "assignment"}, {"accept": False}
    ),
    "get_safety_opt_out": Op(frozenset(["member", "steering"]), {"membership_id": M}),
    "set_safety_opt_out": Op(
        frozenset(["member", "steering"]), {"membership_id": M}, {"opted_out": False}
    ),
    "get_credit_policy": Op(MEMBER_LEVEL),
    "update_credit_policy": Op(
        frozenset(["steering"]),
        body={
            "roles": ["drafting", "research"],
            "name_order": "degree_joined",
            "count_unnamed": True,
            "minimum_degree": "equal",
        },
    ),
    "list_outputs": Op(MEMBER_LEVEL),
    "record_output": Op(
        STEERING_ADMIN, body={"title": "Vigil", "kind": "event", "date": "2026-04-01"}
    ),
    "get_output": Op(MEMBER_LEVEL, {"output_id": "credit_output"}),
    "record_contribution": Op(
        frozenset(["member", "steering", "admin"]),
        {"output_id": "credit_output"},
        {"membership_id": M, "role": "review", "degree": "equal"},
    ),
    "set_contribution_credit": Op(
        frozenset(["member", "custodian"]),
        {"contribution_id": "credit_contribution"},
        {"consent": "private"},
    ),
    "get_credit_equity": Op(MEMBER_LEVEL),
    "get_own_expertise": Op(MEMBER_LEVEL),
    "search_expertise": Op(MEMBER_LEVEL, query={"q": "law", "topic": "legal_aid"}),
    "list_help_requests": Op(MEMBER_LEVEL),
    "get_help_request": Op(MEMBER_LEVEL, {"request_id": "help_request"}),
    "add_expertise_entry": Op(
        VOTERS, body={"side": "need", "kind": "service", "topic": "media", "text": "Airtime"}
    ),
    "remove_expertise_entry": Op(
        frozenset(["member", "steering"]), {"entry_id": "expertise_entry"}
    ),
    "create_help_request": Op(VOTERS, body={"topic": "research", "text": "A survey"}),
    "respond_to_help_request": Op(
        frozenset(["member", "steering"]), {"request_id": "help_request"}, {"message": "Yes"}
    ),
    "close_help_request": Op(frozenset(["chair", "steering"]), {"request_id": "help_request"}),
    # --- goals (issue 13) ---
    "list_shared_values": Op(MEMBER_LEVEL),
    "add_shared_value": Op(STEERING_ADMIN, body={"text": "Care"}),
    "edit_shared_value": Op(STEERING_ADMIN, {"value_id": "goal_value"}, {"move": "down"}),
    "remove_shared_value": Op(STEERING_ADMIN, {"value_id": "goal_value"}),
    "list_goals": Op(MEMBER_LEVEL),
    "create_goal": Op(STEERING_ADMIN, body={"title": "Law passed", "horizon": "short"}),
    "get_goal": Op(MEMBER_LEVEL, {"goal_id": "goal"}),
    "edit_goal": Op(STEERING_ADMIN, {"goal_id": "goal"}, {"status": "achieved"}),
    "add_goal_indicator": Op(
        STEERING_ADMIN, {"goal_id": "goal"}, {"name": "Hearings", "kind": "number"}
    ),
    "add_indicator_period": Op(
        STEERING_ADMIN,
        {"indicator_id": "goal_indicator"},
        {"starts_on": "2030-01-01", "ends_on": "2030-02-01", "target_value": "1"},
    ),
    "draft_indicator_update": Op(
        frozenset(["member", "chair", "steering", "admin"]),
        {"period_id": "goal_period"},
        {"value": "1"},
    ),
    "submit_indicator_update": Op(frozenset(["member"]), {"report_id": "goal_draft"}),
    "approve_indicator_update": Op(STEERING_ADMIN, {"report_id": "goal_report"}, {}),
    "return_indicator_update": Op(STEERING_ADMIN, {"report_id": "goal_report"}, {"note": "Why?"}),
    "list_goal_tasks": Op(MEMBER_LEVEL),
    "create_goal_task": Op(STEERING_ADMIN, body={"title": "Call MPs", "committee_id": "committee"}),
    "edit_goal_task": Op(
        frozenset(["member", "chair", "steering", "admin"]),
        {"task_id": "goal_task"},
        {"status": "done"},
    ),
    "link_challenge_goal": Op(
        STEERING_ADMIN, {"challenge_id": "challenge"}, {"goal_id": "goal", "linked": True}
    ),
    # --- health (issue 13) ---
    "list_health_items": Op(MEMBER_LEVEL),
    "list_health_waves": Op(MEMBER_LEVEL),
    "get_health_trend": Op(MEMBER_LEVEL),
    "open_health_wave": Op(STEERING_ADMIN, body={"title": "Autumn", "closes_on": "2099-01-01"}),
    "get_health_wave": Op(MEMBER_LEVEL, {"wave_id": "health_wave_closed"}),
    "close_health_wave": Op(STEERING_ADMIN, {"wave_id": "health_wave_open"}),
    "answer_health_wave": Op(
        VOTERS, {"wave_id": "health_wave_open"}, {"scores": {}, "size": "small"}
    ),
    "open_health_concern": Op(
        STEERING_ADMIN, {"wave_id": "health_wave_closed"}, {"theme": "equity", "kind": "conflict"}
    ),
    # --- meetings (issue 13) ---
    "list_meetings": Op(MEMBER_LEVEL),
    "create_meeting": Op(
        STEERING_ADMIN,
        body={
            "title": "T",
            "time_zone": "UTC",
            "duration_minutes": 60,
            "times": ["2099-01-01T10:00:00Z"],
            "venue_ids": [],
        },
    ),
    "get_meeting": Op(MEMBER_LEVEL, {"meeting_id": "meeting"}),
    "answer_meeting_poll": Op(
        VOTERS, {"meeting_id": "meeting"}, body={"time_zone": "UTC", "answers": []}
    ),
    "get_meeting_proposals": Op(STEERING_ADMIN, {"meeting_id": "meeting"}),
    "schedule_meeting": Op(
        STEERING_ADMIN,
        {"meeting_id": "meeting"},
        body={"time_id": "meeting_time", "venue_id": "venue_online"},
    ),
    "cancel_meeting": Op(STEERING_ADMIN, {"meeting_id": "meeting"}),
    "list_venues": Op(MEMBER_LEVEL),
    "add_venue": Op(STEERING_ADMIN, body={"name": "API hall", "address": "4 Main St"}),
    "remove_venue": Op(STEERING_ADMIN, {"venue_id": "venue_spare"}),
    "get_unsafe_venues": Op(VOTERS),
    "set_unsafe_venues": Op(VOTERS, body={"venue_ids": []}),
    "reset_calendar_feed": Op(VOTERS),
    "add_agenda_item": Op(STEERING_ADMIN, {"meeting_id": "meeting"}, body={"title": "Budget"}),
    "use_first_meeting_agenda": Op(STEERING_ADMIN, {"meeting_id": "meeting"}),
    "remove_agenda_item": Op(
        STEERING_ADMIN, {"meeting_id": "meeting_scheduled", "item_id": "agenda_item"}
    ),
    "add_minute": Op(
        STEERING_ADMIN, {"meeting_id": "meeting_scheduled"}, body={"kind": "note", "text": "T"}
    ),
    "remove_minute": Op(
        STEERING_ADMIN, {"meeting_id": "meeting_scheduled", "item_id": "minute_item"}
    ),
    "close_minutes": Op(STEERING_ADMIN, {"meeting_id": "meeting_scheduled"}),
    "get_meeting_attendance": Op(STEERING_ADMIN, {"meeting_id": "meeting_held"}),
    "record_meeting_attendance": Op(
        STEERING_ADMIN, {"meeting_id": "meeting_held"}, body={"membership_ids": []}
    ),
    # --- participation (issue 13) ---
    "get_participation_expectations": Op(MEMBER_LEVEL),
    "set_participation_expectations": Op(
        frozenset(["steering"]),
        body={"min_vote_share": 50, "min_attendance_share": 50, "period_months": 6},
    ),
    "list_participation": Op(STEERING_ADMIN),
    # the member's own record, and the steering committee's and admins'
    "get_member_participation": Op(
        frozenset(["member", "steering", "admin"]), {"membership_id": M}
    ),
    "list_conduct_reviews": Op(frozenset(["member", "steering", "admin"]), {"membership_id": M}),
    "record_conduct_review": Op(
        frozenset(["steering"]),
        {"membership_id": M},
        body={"outcome": "no_action", "note": "Matrix note"},
    ),
}


def operations():
    schema = api.get_openapi_schema()
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield operation["operationId"], method.upper(), path


ALL_OPERATIONS = {op_id: (method, path) for op_id, method, path in operations()}


def call(world, tokens, role, op_id, targets, participant=True):
    method, path = ALL_OPERATIONS[op_id]
    op = OPERATIONS[op_id]
    values = {"slug": targets["slug"]}
    values.update({k: targets.get(v, v) for k, v in op.params.items()})
    url = path.format(**values)
    if op.query:
        url += "?" + urlencode(op.query)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {tokens[role]}"} if role in tokens else {}
    if op.participant and participant:
        headers["HTTP_X_PARTICIPANT_TOKEN"] = targets["participant_token"]
    body = None
    if op.body is not None:
        body = json.dumps(
            {
                k: targets.get(v, v) if k.endswith("_id") or k == "code" else v
                for k, v in op.body.items()
            }
        )
    return Client().generic(method, url, body or "", content_type="application/json", **headers)
