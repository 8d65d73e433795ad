"""The web authorisation matrix's table: every page, the roles that may GET and POST it,
and the objects its URL arguments name (``targets``, see tests/support/targets.py).

The table is written by hand, independently of the policy code;
tests/project/test_authorization_matrix.py checks every page against it (and fails when
the URL router has a page that is not in it), and the leak and budget tests walk it.
"""

from dataclasses import dataclass, field

from django.urls import reverse

from tests.support.authz import ALL, MEMBER_LEVEL, SIGNED_IN, web_url_names


@dataclass(frozen=True)
class Page:
    get: frozenset | None  # roles that may GET it (None: POST only)
    post: frozenset | None = None  # roles that may POST to it (None: no writes)
    kwargs: dict = field(default_factory=dict)  # names resolved from the world, see below
    data: dict = field(default_factory=dict)
    get_status: int | None = None  # when GET answers the same for everybody (e.g. 404)


STEERING_ADMIN = frozenset(["steering", "admin"])
NOT_MEMBERS = frozenset(["anonymous", "outsider", "applicant", "admin", "custodian"])
ACTIVE_MEMBERS = frozenset(["member", "chair", "steering"])  # with an active membership
AUTHOR_STEERING = frozenset(["member", "steering"])  # the member drafted the proposals
PLAN_OWNER = frozenset(["member"])  # the training plan in `targets` is the member's

PAGES = {
    "home": Page(get=ALL),
    "healthz": Page(get=ALL),
    "robots": Page(get=ALL),
    "coalition_create": Page(get=SIGNED_IN, post=SIGNED_IN, data={"name": ""}),
    # accounts
    "accounts:login": Page(get=ALL, post=ALL),
    "accounts:login_code": Page(get=ALL, get_status=302),  # nothing pending: back to sign-in
    "accounts:logout": Page(get=None, post=ALL),
    "accounts:language": Page(get=ALL, post=ALL, data={"language": "fr"}),
    "accounts:settings": Page(get=SIGNED_IN, post=SIGNED_IN, data={"display_name": "X"}),
    "accounts:password_change": Page(get=SIGNED_IN, post=SIGNED_IN),
    "accounts:password_reset": Page(get=ALL, post=ALL),
    "accounts:password_reset_done": Page(get=ALL),
    "accounts:password_reset_complete": Page(get=ALL),
    "accounts:password_reset_confirm": Page(get=ALL, kwargs={"uidb64": "MQ", "token": "bad-token"}),
    "accounts:two_factor": Page(get=SIGNED_IN, post=SIGNED_IN),
    "accounts:two_factor_setup": Page(get=SIGNED_IN, post=SIGNED_IN),
    "accounts:invitation": Page(get=ALL, kwargs={"token": "no-such-token"}, get_status=404),
    "accounts:tokens": Page(get=SIGNED_IN, post=SIGNED_IN, data={"name": "t"}),
    "accounts:token_revoke": Page(
        get=None, post=frozenset(["admin"]), kwargs={"token_id": "token"}
    ),
    "accounts:export": Page(get=SIGNED_IN, post=SIGNED_IN),
    "accounts:delete": Page(get=SIGNED_IN, post=SIGNED_IN, data={"password": "wrong"}),
    # coalition pages
    "audit:log": Page(get=frozenset(["admin", "custodian"])),
    "coalition_accounts:invite": Page(
        get=STEERING_ADMIN, post=STEERING_ADMIN, data={"email": "new@example.org"}
    ),
    "coalition_accounts:revoke_invitation": Page(
        get=None, post=STEERING_ADMIN, kwargs={"invitation_id": "invitation"}
    ),
    # open applications: anyone without a membership asks to join (the outsider, who may
    # apply at once, is sent to the application form)
    "coalition_accounts:join": Page(
        get=NOT_MEMBERS, post=NOT_MEMBERS, data={"email": "visitor@example.org"}
    ),
    "coalitions:next_steps": Page(get=STEERING_ADMIN),
    "coalitions:dashboard": Page(get=ALL),
    "coalitions:settings": Page(
        get=frozenset(["admin"]),
        post=frozenset(["admin"]),
        data={"name": "Renamed", "purpose": "", "languages": "en"},
    ),
    "coalitions:charter": Page(get=MEMBER_LEVEL),
    "coalitions:charter_edit": Page(
        get=STEERING_ADMIN,
        post=STEERING_ADMIN,
        kwargs={"kind": "leadership"},
        data={"status": "agreed", "text": "Agreed text", "agreed_on": "2026-01-02"},
    ),
    "coalitions:focus_areas": Page(get=MEMBER_LEVEL, post=STEERING_ADMIN, data={"name": "Prisons"}),
    "coalitions:committees": Page(get=MEMBER_LEVEL),
    "coalitions:committee_create": Page(
        get=STEERING_ADMIN, post=STEERING_ADMIN, data={"name": "Lobby", "kind": "lobbying"}
    ),
    "coalitions:committee": Page(get=MEMBER_LEVEL, kwargs={"committee_id": "committee"}),
    "coalitions:committee_edit": Page(
        get=STEERING_ADMIN,
        post=STEERING_ADMIN,
        kwargs={"committee_id": "committee"},
        data={"name": "Outreach team", "kind": "publicity"},
    ),
    "coalitions:committee_delete": Page(
        get=None, post=STEERING_ADMIN, kwargs={"committee_id": "committee"}
    ),
    "coalitions:committee_seat_add": Page(
        get=None,
        post=frozenset(["chair", "steering", "admin"]),
        kwargs={"committee_id": "committee"},
        data={"membership_id": "membership:steering", "role": "member"},
    ),
    "coalitions:committee_seat_remove": Page(
        get=None,
        post=frozenset(["chair", "steering", "admin"]),
        kwargs={"committee_id": "committee"},
        data={"membership_id": "membership:member"},
    ),
    "coalitions:organisations": Page(
        get=frozenset(["steering"]),
        post=frozenset(["steering"]),
        data={"name": "New Org", "actor_type": "cso", "country": "KE"},
    ),
    "coalitions:organisation_person_add": Page(
        get=None, post=frozenset(["steering"]), data={"full_name": "New Person"}
    ),
    "coalitions:staff": Page(
        get=frozenset(["admin"]),
        post=frozenset(["admin"]),
        data={"email": "member@example.org", "role": "custodian"},
    ),
    "coalitions:members": Page(get=MEMBER_LEVEL),
    "coalitions:members_export": Page(
        get=frozenset(["steering", "admin", "custodian"]),
        post=frozenset(["steering", "admin", "custodian"]),
        data={"contacts": "1"},
    ),
    "coalitions:members_import": Page(get=STEERING_ADMIN, post=STEERING_ADMIN),
    "coalitions:members_import_confirm": Page(
        get=None, post=STEERING_ADMIN, data={"content": "name,kind\r\nNew Person,person\r\n"}
    ),
    "coalitions:member": Page(get=MEMBER_LEVEL, kwargs={"membership_id": "membership:member"}),
    "coalitions:member_contacts": Page(
        get=None,
        post=frozenset(["member", "custodian"]),
        kwargs={"membership_id": "membership:member"},
    ),
    "coalitions:member_status": Page(
        get=None,
        post=frozenset(["steering"]),
        kwargs={"membership_id": "membership:member"},
        data={"status": "suspended", "reason": "Testing"},
    ),
    "coalitions:member_protection": Page(
        get=None,
        post=frozenset(["member", "custodian"]),
        kwargs={"membership_id": "membership:member"},
        data={"visibility": "public"},
    ),
    "coalitions:member_conduct": Page(
        get=None,
        post=frozenset(["member"]),
        kwargs={"membership_id": "membership:member"},
        data={"accept": "on"},
    ),
    "coalitions:apply": Page(
        get=frozenset(["outsider", "admin", "custodian"]),
        post=frozenset(["outsider", "admin", "custodian"]),
        data={"kind": "person", "person_name": "Someone"},
    ),
    "coalitions:applications": Page(get=frozenset(["steering"])),
    "coalitions:application": Page(
        get=frozenset(["steering", "applicant"]), kwargs={"application_id": "application"}
    ),
    "coalitions:application_approve": Page(
        get=None, post=frozenset(["steering"]), kwargs={"application_id": "application"}
    ),
    "coalitions:application_decline": Page(
        get=None,
        post=frozenset(["steering"]),
        kwargs={"application_id": "application"},
        data={"reason": "Not eligible"},
    ),
    "coalitions:application_withdraw": Page(
        get=None, post=frozenset(["applicant"]), kwargs={"application_id": "application"}
    ),
    "coalitions:requirements": Page(get=SIGNED_IN),
    "coalitions:requirement_add": Page(get=None, post=STEERING_ADMIN, data={"text": "Be kind"}),
    "coalitions:requirement_retire": Page(
        get=None, post=STEERING_ADMIN, kwargs={"requirement_id": "requirement"}
    ),
    "coalitions:diversity": Page(get=MEMBER_LEVEL),
    # decisions and the conflict register
    "decisions:list": Page(get=MEMBER_LEVEL),
    "decisions:proposal_create": Page(
        get=ACTIVE_MEMBERS,
        post=ACTIVE_MEMBERS,
        data={"category_id": "category", "title": "A proposal", "body": "Text."},
    ),
    "decisions:proposal": Page(get=MEMBER_LEVEL, kwargs={"proposal_id": "proposal"}),
    "decisions:proposal_edit": Page(
        get=AUTHOR_STEERING,
        post=AUTHOR_STEERING,
        kwargs={"proposal_id": "draft_proposal"},
        data={"title": "Renamed draft", "body": "New text."},
    ),
    "decisions:proposal_open": Page(
        get=None, post=AUTHOR_STEERING, kwargs={"proposal_id": "draft_proposal"}
    ),
    "decisions:proposal_close": Page(
        get=None, post=frozenset(["steering"]), kwargs={"proposal_id": "proposal"}
    ),
    "decisions:proposal_vote": Page(
        get=None,
        post=ACTIVE_MEMBERS,
        kwargs={"proposal_id": "proposal"},
        data={"position": "agree"},
    ),
    "decisions:proposal_comment": Page(
        get=None, post=ACTIVE_MEMBERS, kwargs={"proposal_id": "proposal"}, data={"body": "Hi"}
    ),
    "decisions:proposal_receipts": Page(
        get=MEMBER_LEVEL,
        post=MEMBER_LEVEL,
        kwargs={"proposal_id": "secret_proposal"},
        data={"code": "000000000000"},
    ),
    "decisions:rules": Page(get=MEMBER_LEVEL, post=STEERING_ADMIN, data={"name": "Budget"}),
    "decisions:rule_define": Page(
        get=STEERING_ADMIN,
        post=STEERING_ADMIN,
        data={"category_id": "category", "method": "consent", "electorate": "all_members"},
    ),
    "decisions:conflicts": Page(get=MEMBER_LEVEL),
    "decisions:conflict_create": Page(
        get=ACTIVE_MEMBERS,
        post=ACTIVE_MEMBERS,
        data={"title": "An issue", "description": "What happened."},
    ),
    # the member raised it; the steering committee sees every issue
    "decisions:conflict": Page(
        get=frozenset(["member", "steering"]), kwargs={"conflict_id": "conflict"}
    ),
    "decisions:conflict_update": Page(
        get=None,
        post=frozenset(["steering"]),
        kwargs={"conflict_id": "conflict"},
        data={"status": "in_progress", "outcome": ""},
    ),
    "decisions:notifications": Page(get=MEMBER_LEVEL, post=MEMBER_LEVEL),
    # training: any signed-in facilitator; a plan only for its owner ("member")
    "training:modules": Page(get=SIGNED_IN),
    "training:module": Page(get=SIGNED_IN, kwargs={"module_id": "module-12"}),
    "training:plans": Page(get=SIGNED_IN),
    "training:plan_create": Page(
        get=SIGNED_IN,
        post=SIGNED_IN,
        data={"module_id": "module-12", "title": "Session", "available_minutes": "90"},
    ),
    "training:plan": Page(get=PLAN_OWNER, kwargs={"plan_id": "plan"}),
    "training:plan_edit": Page(
        get=PLAN_OWNER,
        post=PLAN_OWNER,
        kwargs={"plan_id": "plan"},
        data={"title": "Renamed session", "available_minutes": "100"},
    ),
    "training:plan_override": Page(
        get=PLAN_OWNER,
        post=PLAN_OWNER,
        kwargs={"plan_id": "plan"},
        data={"item_id": "takeaways", "minutes": "7", "note": "Local note"},
    ),
    "training:plan_delete": Page(get=None, post=PLAN_OWNER, kwargs={"plan_id": "plan"}),
    "training:plan_refit": Page(get=PLAN_OWNER, kwargs={"plan_id": "plan"}),
    # printables (PDF downloads)
    "training:print_handout": Page(
        get=SIGNED_IN, kwargs={"module_id": "module-12", "handout_id": "best-practices-handout"}
    ),
    "training:print_assessment": Page(get=SIGNED_IN, kwargs={"module_id": "module-12"}),
    "training:print_answer_key": Page(get=SIGNED_IN, kwargs={"module_id": "module-12"}),
    "training:print_role_play": Page(get=SIGNED_IN, kwargs={"module_id": "module-12"}),
    "training:print_run_sheet": Page(get=PLAN_OWNER, kwargs={"plan_id": "plan"}),
    # live-session results, paper mode, into a coalition; groundwork
    "training:session_results": Page(get=PLAN_OWNER, kwargs={"session_id": "session"}),
    "training:session_results_csv": Page(get=PLAN_OWNER, kwargs={"session_id": "session"}),
    "training:session_paper": Page(
        get=PLAN_OWNER,
        post=PLAN_OWNER,
        kwargs={"session_id": "session"},
        data={"action": "add", "label": "Sheet 9"},
    ),
    "training:session_coalition": Page(  # an open session is refused: the finished one
        get=PLAN_OWNER,
        post=PLAN_OWNER,
        kwargs={"session_id": "finished_session"},
        data={"name": "From the training room"},
    ),
    "groundwork:index": Page(get=MEMBER_LEVEL),
    "groundwork:partner_add": Page(
        get=None, post=STEERING_ADMIN, data={"description": "Mosque council"}
    ),
    "groundwork:partner_status": Page(
        get=None,
        post=STEERING_ADMIN,
        kwargs={"partner_id": "prospective_partner"},
        data={"status": "approached"},
    ),
    "groundwork:partner_invite": Page(
        get=None,
        post=STEERING_ADMIN,
        kwargs={"partner_id": "prospective_partner"},
        data={"email": "someone@bar.example.org"},
    ),
    "groundwork:partner_convert": Page(
        get=None,
        post=frozenset(["steering"]),
        kwargs={"partner_id": "prospective_partner"},
        data={"name": "Bar association", "actor_type": "professional_association", "country": "KE"},
    ),
    "groundwork:challenge_add": Page(
        get=None, post=STEERING_ADMIN, data={"challenge": "A donor wants the credit"}
    ),
    "groundwork:challenge_update": Page(
        get=None,
        post=STEERING_ADMIN,
        kwargs={"challenge_id": "register_challenge"},
        data={"status": "addressed", "strategy": "Agree on credit first"},
    ),
    # live sessions: the facilitator's control room (the open session in `targets` is the
    # member's); a session run by somebody else is a 404
    "training:sessions": Page(get=SIGNED_IN),
    "training:session_open": Page(get=None, post=PLAN_OWNER, kwargs={"plan_id": "plan"}),
    "training:session": Page(get=PLAN_OWNER, kwargs={"session_id": "session"}),
    "training:session_room": Page(get=PLAN_OWNER, kwargs={"session_id": "session"}),
    "training:session_qr": Page(get=PLAN_OWNER, kwargs={"session_id": "session"}),
    "training:session_go": Page(
        get=None, post=PLAN_OWNER, kwargs={"session_id": "session"}, data={"next": "1"}
    ),
    "training:session_quiz": Page(
        get=None, post=PLAN_OWNER, kwargs={"session_id": "session"}, data={"phase": "pre"}
    ),
    "training:session_close": Page(get=None, post=PLAN_OWNER, kwargs={"session_id": "session"}),
    "training:card_merge": Page(
        get=None,
        post=PLAN_OWNER,
        kwargs={"session_id": "session", "card_id": "card"},
        data={"into_id": "other_card"},
    ),
    "training:card_unmerge": Page(
        get=None, post=PLAN_OWNER, kwargs={"session_id": "session", "card_id": "other_card"}
    ),
    "training:card_move": Page(
        get=None,
        post=PLAN_OWNER,
        kwargs={"session_id": "session", "card_id": "card"},
        data={"point": "3"},
    ),
    "training:point_check": Page(
        get=None,
        post=PLAN_OWNER,
        kwargs={"session_id": "session"},
        data={"item_id": "strengths-weaknesses", "point": "3", "confirmed": "1"},
    ),
    "training:session_groups": Page(
        get=None,
        post=PLAN_OWNER,
        kwargs={"session_id": "session"},
        data={"item_id": "challenges-activity"},
    ),
    # participants' phones: no account; let in by the join code and the token cookie, which
    # no role's client has (anybody may join; without the cookie a phone is sent to join
    # and its answers are refused with a 404)
    "live:join": Page(get=ALL, post=frozenset(), data={"code": "ZZZZZZ"}),  # unknown: 404
    "live:enter": Page(
        get=ALL, post=ALL, kwargs={"code": "session_code"}, data={"display_name": "Eve"}
    ),
    "live:phone": Page(get=ALL, kwargs={"code": "session_code"}, get_status=302),
    "live:phone_state": Page(get=ALL, kwargs={"code": "session_code"}, get_status=302),
    "live:card": Page(
        get=None,
        post=frozenset(),
        kwargs={"code": "session_code"},
        data={"item_id": "strengths-weaknesses", "text": "Hello"},
    ),
    "live:quiz": Page(
        get=None,
        post=frozenset(),
        kwargs={"code": "session_code"},
        data={"phase": "pre", "answer_q-12-1": "2"},
    ),
    "live:group": Page(
        get=None,
        post=frozenset(),
        kwargs={"code": "session_code"},
        data={"item_id": "challenges-activity", "record_0": "A partner"},
    ),
    "updates:index": Page(get=MEMBER_LEVEL),
    "updates:new": Page(
        get=ACTIVE_MEMBERS | {"admin"},
        post=ACTIVE_MEMBERS | {"admin"},
        data={"title": "Hello", "body": "News", "committee": "committee"},
    ),
    "updates:settings": Page(
        get=frozenset(["steering"]), post=frozenset(["steering"]), data={"members_may_post": "on"}
    ),
    "updates:preference": Page(
        get=ACTIVE_MEMBERS,
        post=ACTIVE_MEMBERS,
        data={"counted_not_named": "on"},
    ),
    "digests:page": Page(get=ACTIVE_MEMBERS, post=ACTIVE_MEMBERS, data={"frequency": "weekly"}),
    "updates:update": Page(get=MEMBER_LEVEL, kwargs={"update_id": "update_all"}),
    "updates:read": Page(
        get=None, post=frozenset(["member", "chair"]), kwargs={"update_id": "update_all"}
    ),
    "updates:acknowledge": Page(
        get=None, post=frozenset(["member", "chair"]), kwargs={"update_id": "update_all"}
    ),
    "updates:reply": Page(
        get=None,
        post=ACTIVE_MEMBERS | {"admin"},
        kwargs={"update_id": "update_all"},
        data={"body": "Hi"},
    ),
    # the e-mail's link: the token is the authority, whoever holds it
    "updates:link": Page(get=ALL, post=ALL, kwargs={"token": "update_link"}),
    "finance:ledger": Page(get=MEMBER_LEVEL),
    "finance:export": Page(get=MEMBER_LEVEL),
    "finance:budget": Page(get=MEMBER_LEVEL),
    "finance:account_add": Page(
        get=None, post=STEERING_ADMIN, data={"name": "Petty cash", "kind": "asset"}
    ),
    "finance:entry_new": Page(
        get=STEERING_ADMIN,
        post=STEERING_ADMIN,
        data={
            "kind": "expense",
            "date": "2026-03-01",
            "description": "Printing",
            "amount": "45.00",
            "account_id": "finance_travel",
            "funds_account_id": "finance_cash",
        },
    ),
    "finance:entry_lines": Page(
        get=STEERING_ADMIN,
        post=STEERING_ADMIN,
        data={
            "kind": "expense",
            "date": "2026-03-01",
            "description": "Printing, split",
            "line_1_account": "finance_travel",
            "line_1_side": "debit",
            "line_1_amount": "45.00",
            "line_2_account": "finance_cash",
            "line_2_side": "credit",
            "line_2_amount": "45.00",
        },
    ),
    "finance:budget_line_add": Page(
        get=None, post=STEERING_ADMIN, data={"year": 2026, "name": "Printing", "planned": "300"}
    ),
    "finance:approvals": Page(get=frozenset(["steering"])),
    "finance:entry_approve": Page(
        get=None, post=frozenset(["steering"]), kwargs={"entry_id": "finance_pending"}
    ),
    "finance:entry_reject": Page(
        get=None, post=frozenset(["steering"]), kwargs={"entry_id": "finance_pending"}
    ),
    "finance:settings": Page(
        get=frozenset(["steering"]),
        post=frozenset(["steering"]),
        data={"currency": "KES", "approval_threshold": "1000", "approvals_required": 2},
    ),
    "statements:list": Page(get=MEMBER_LEVEL),
    "statements:new": Page(
        get=ACTIVE_MEMBERS, post=ACTIVE_MEMBERS, data={"title": "T", "text": "X", "comment_days": 3}
    ),
    "statements:statement": Page(get=MEMBER_LEVEL, kwargs={"statement_id": "statement_draft"}),
    "statements:edit": Page(
        get=None,
        post=AUTHOR_STEERING,
        kwargs={"statement_id": "statement_draft"},
        data={"title": "Draft on prisons", "text": "Changed."},
    ),
    "statements:comment": Page(
        get=None,
        post=ACTIVE_MEMBERS,
        kwargs={"statement_id": "statement_draft"},
        data={"body": "A comment."},
    ),
    "statements:lock": Page(
        get=None,
        post=AUTHOR_STEERING,
        kwargs={"statement_id": "statement_draft"},
        data={"category_id": "statement_category"},
    ),
    "statements:sign": Page(
        get=ACTIVE_MEMBERS,
        post=ACTIVE_MEMBERS,
        kwargs={"statement_id": "statement_signing"},
        data={"membership_id": "membership:member", "mode": "named", "text_hash": "0" * 64},
    ),
    "statements:reopen": Page(
        get=None, post=frozenset(["steering"]), kwargs={"statement_id": "statement_signing"}
    ),
    "statements:publish": Page(
        get=None, post=STEERING_ADMIN, kwargs={"statement_id": "statement_signing"}
    ),
    "statements:public": Page(get=ALL, kwargs={"statement_id": "statement_published"}),
    "statements:pdf": Page(get=ALL, kwargs={"statement_id": "statement_published"}),
    "statements:logo": Page(
        get=ALL, kwargs={"statement_id": "statement_published", "signature_id": "statement_logo"}
    ),
    "spokespeople:roster": Page(get=MEMBER_LEVEL),
    "spokespeople:grant": Page(
        get=None,
        post=frozenset(["steering"]),
        data={
            "membership_id": "membership:chair",
            "topic": "prisons",
            "language": "en",
            "starts_on": "2030-01-01",
            "expires_on": "2030-12-31",
        },
    ),
    "spokespeople:renew": Page(
        get=None,
        post=frozenset(["steering"]),
        kwargs={"mandate_id": "mandate"},
        data={"expires_on": "2099-01-01"},
    ),
    "spokespeople:end": Page(
        get=None, post=frozenset(["steering"]), kwargs={"mandate_id": "mandate"}
    ),
    "spokespeople:opt_out": Page(
        get=frozenset(["member", "steering"]),
        post=frozenset(["member", "steering"]),
        kwargs={"membership_id": "membership:member"},
        data={"opted_out": ""},
    ),
    "spokespeople:requests": Page(get=MEMBER_LEVEL),
    "spokespeople:request_create": Page(
        get=frozenset(["steering"]),
        post=frozenset(["steering"]),
        data={
            "title": "Radio interview",
            "kind": "media",
            "topic": "policing",
            "language": "en",
            "needed_on": "2099-06-01",
        },
    ),
    "spokespeople:request": Page(get=MEMBER_LEVEL, kwargs={"request_id": "voice_request"}),
    "spokespeople:assign": Page(
        get=None,
        post=frozenset(["steering"]),
        kwargs={"request_id": "voice_request"},
        data={"mandate_id": "other_mandate"},
    ),
    "spokespeople:answer": Page(
        get=None,
        post=frozenset(["member", "steering"]),
        kwargs={"assignment_id": "assignment"},
        data={"answer": "decline"},
    ),
    "credit:outputs": Page(get=MEMBER_LEVEL),
    "credit:output_add": Page(
        get=None,
        post=STEERING_ADMIN,
        data={"title": "Report", "kind": "report", "date": "2026-01-02"},
    ),
    "credit:output": Page(get=MEMBER_LEVEL, kwargs={"output_id": "credit_output"}),
    # a member records its own part (the chair may not record the member's)
    "credit:contribute": Page(
        get=frozenset(["member", "chair", "steering", "admin"]),
        post=frozenset(["member", "steering", "admin"]),
        kwargs={"output_id": "credit_output"},
        data={
            "membership_id": "membership:member",
            "role": "review",
            "degree": "equal",
            "consent": "private",
        },
    ),
    # the member's own choice of credit (or a custodian's)
    "credit:consent": Page(
        get=None,
        post=frozenset(["member", "custodian"]),
        kwargs={"contribution_id": "credit_contribution"},
        data={"consent": "private"},
    ),
    "credit:policy": Page(
        get=frozenset(["steering"]),
        post=frozenset(["steering"]),
        data={"roles": ["drafting"], "minimum_degree": "lead", "name_order": "alphabetical"},
    ),
    "credit:equity": Page(get=MEMBER_LEVEL),
    "expertise:index": Page(get=MEMBER_LEVEL),
    "expertise:directory": Page(get=MEMBER_LEVEL),
    "expertise:requests": Page(get=MEMBER_LEVEL),
    "expertise:entry_add": Page(
        get=None,
        post=ACTIVE_MEMBERS,
        data={"side": "offer", "kind": "skill", "topic": "research", "text": "Surveys"},
    ),
    # the entry is the member's; the steering committee may change any member's list
    "expertise:entry_remove": Page(
        get=None, post=frozenset(["member", "steering"]), kwargs={"entry_id": "expertise_entry"}
    ),
    "expertise:request_new": Page(
        get=ACTIVE_MEMBERS, post=ACTIVE_MEMBERS, data={"topic": "media", "text": "A radio slot"}
    ),
    "expertise:request": Page(get=MEMBER_LEVEL, kwargs={"request_id": "help_request"}),
    # the chair's organisation asked: others answer, the chair (or steering) closes it
    "expertise:respond": Page(
        get=None,
        post=frozenset(["member", "steering"]),
        kwargs={"request_id": "help_request"},
        data={"message": "We can help"},
    ),
    "expertise:close": Page(
        get=None, post=frozenset(["chair", "steering"]), kwargs={"request_id": "help_request"}
    ),
    # --- goals (issue 13) ---
    "goals:index": Page(get=MEMBER_LEVEL),
    "goals:value_add": Page(get=None, post=STEERING_ADMIN, data={"text": "Care"}),
    "goals:value_edit": Page(
        get=None, post=STEERING_ADMIN, kwargs={"value_id": "goal_value"}, data={"text": "Care"}
    ),
    "goals:value_move": Page(
        get=None, post=STEERING_ADMIN, kwargs={"value_id": "goal_value"}, data={"move": "down"}
    ),
    "goals:value_remove": Page(get=None, post=STEERING_ADMIN, kwargs={"value_id": "goal_value"}),
    "goals:goal_add": Page(
        get=STEERING_ADMIN,
        post=STEERING_ADMIN,
        data={"title": "Law passed", "horizon": "short", "status": "active"},
    ),
    "goals:goal": Page(get=MEMBER_LEVEL, kwargs={"goal_id": "goal"}),
    "goals:goal_edit": Page(
        get=STEERING_ADMIN,
        post=STEERING_ADMIN,
        kwargs={"goal_id": "goal"},
        data={"title": "Renamed", "horizon": "long", "status": "active"},
    ),
    "goals:indicator_add": Page(
        get=None,
        post=STEERING_ADMIN,
        kwargs={"goal_id": "goal"},
        data={"name": "Hearings", "kind": "number", "weight": "1"},
    ),
    "goals:period_add": Page(
        get=None,
        post=STEERING_ADMIN,
        kwargs={"indicator_id": "goal_indicator"},
        data={"starts_on": "2030-01-01", "ends_on": "2030-02-01", "target_value": "1"},
    ),
    # seat holders of the goal's committee (Outreach: the member and the chair) report
    "goals:update_draft": Page(
        get=None,
        post=frozenset(["member", "chair", "steering", "admin"]),
        kwargs={"period_id": "goal_period"},
        data={"value": "1"},
    ),
    # the draft is the member's: only its author submits it
    "goals:update_submit": Page(
        get=None, post=frozenset(["member"]), kwargs={"report_id": "goal_draft"}
    ),
    "goals:update_decide": Page(
        get=None,
        post=STEERING_ADMIN,
        kwargs={"report_id": "goal_report"},
        data={"decision": "approve"},
    ),
    "goals:tasks": Page(get=MEMBER_LEVEL),
    "goals:task_add": Page(
        get=None, post=STEERING_ADMIN, data={"title": "Call MPs", "committee_id": "committee"}
    ),
    "goals:task_status": Page(
        get=None,
        post=frozenset(["member", "chair", "steering", "admin"]),
        kwargs={"task_id": "goal_task"},
        data={"status": "done"},
    ),
    "goals:task_edit": Page(
        get=STEERING_ADMIN,
        post=STEERING_ADMIN,
        kwargs={"task_id": "goal_task"},
        data={"title": "Call MPs", "committee_id": "committee"},
    ),
    "groundwork:challenge_goals": Page(
        get=None,
        post=STEERING_ADMIN,
        kwargs={"challenge_id": "register_challenge"},
        data={"goal_id": "goal", "unlink": "1"},
    ),
    # --- health (issue 13) ---
    "health:index": Page(get=MEMBER_LEVEL),
    "health:wave_open": Page(
        get=None, post=STEERING_ADMIN, data={"title": "Autumn", "closes_on": "2099-01-01"}
    ),
    "health:wave": Page(get=MEMBER_LEVEL, kwargs={"wave_id": "health_wave_closed"}),
    # each active member's person answers for themselves, once
    "health:answer": Page(
        get=ACTIVE_MEMBERS,
        post=ACTIVE_MEMBERS,
        kwargs={"wave_id": "health_wave_open"},
        data={"size": "small"},
    ),
    "health:wave_close": Page(
        get=None, post=STEERING_ADMIN, kwargs={"wave_id": "health_wave_open"}
    ),
    "health:concern": Page(
        get=None,
        post=STEERING_ADMIN,
        kwargs={"wave_id": "health_wave_closed"},
        data={"theme": "equity", "kind": "conflict"},
    ),
    # --- meetings (issue 13) ---
    "meetings:index": Page(get=MEMBER_LEVEL),
    "meetings:new": Page(
        get=STEERING_ADMIN,
        post=STEERING_ADMIN,
        data={"title": "T", "time_zone": "UTC", "times": "2099-01-01 10:00", "venue_ids": "venue"},
    ),
    "meetings:meeting": Page(get=MEMBER_LEVEL, kwargs={"meeting_id": "meeting"}),
    # a coalition meeting: every active member's person answers for themselves
    "meetings:answer": Page(
        get=None,
        post=ACTIVE_MEMBERS,
        kwargs={"meeting_id": "meeting"},
        data={"time_zone": "UTC"},
    ),
    "meetings:schedule": Page(
        get=None,
        post=STEERING_ADMIN,
        kwargs={"meeting_id": "meeting"},
        data={"time_id": "meeting_time", "venue_id": "venue_online"},
    ),
    "meetings:cancel": Page(get=None, post=STEERING_ADMIN, kwargs={"meeting_id": "meeting"}),
    "meetings:ics": Page(get=MEMBER_LEVEL, kwargs={"meeting_id": "meeting_scheduled"}),
    "meetings:plan": Page(get=STEERING_ADMIN, kwargs={"meeting_id": "meeting"}),
    "meetings:agenda_add": Page(
        get=None, post=STEERING_ADMIN, kwargs={"meeting_id": "meeting"}, data={"title": "Budget"}
    ),
    "meetings:agenda_template": Page(
        get=None, post=STEERING_ADMIN, kwargs={"meeting_id": "meeting"}
    ),
    "meetings:agenda_remove": Page(
        get=None,
        post=STEERING_ADMIN,
        kwargs={"meeting_id": "meeting_scheduled", "item_id": "agenda_item"},
    ),
    "meetings:minute_add": Page(
        get=None,
        post=STEERING_ADMIN,
        kwargs={"meeting_id": "meeting_scheduled"},
        data={"kind": "note", "text": "We met."},
    ),
    "meetings:minute_remove": Page(
        get=None,
        post=STEERING_ADMIN,
        kwargs={"meeting_id": "meeting_scheduled", "item_id": "minute_item"},
    ),
    "meetings:minutes_close": Page(
        get=None, post=STEERING_ADMIN, kwargs={"meeting_id": "meeting_scheduled"}
    ),
    "meetings:venues": Page(get=MEMBER_LEVEL),
    "meetings:venue_add": Page(
        get=None, post=STEERING_ADMIN, data={"name": "New hall", "address": "3 Main St"}
    ),
    "meetings:venue_remove": Page(
        get=None, post=STEERING_ADMIN, kwargs={"venue_id": "venue_spare"}
    ),
    "meetings:marks": Page(get=None, post=ACTIVE_MEMBERS, data={"venue_ids": "venue"}),
    "meetings:calendar": Page(get=ACTIVE_MEMBERS, post=ACTIVE_MEMBERS),
    # the secret address is the authority, whoever holds it
    "meetings:feed": Page(get=ALL, kwargs={"token": "calendar_feed"}),
    "meetings:attendance": Page(
        get=STEERING_ADMIN,
        post=STEERING_ADMIN,
        kwargs={"meeting_id": "meeting_held"},
        data={"membership_ids": "membership:member"},
    ),
    # --- participation (issue 13) ---
    "participation:index": Page(get=STEERING_ADMIN),
    "participation:expectations": Page(
        get=MEMBER_LEVEL,
        post=frozenset(["steering"]),
        data={"min_vote_share": "50", "min_attendance_share": "50", "period_months": "6"},
    ),
    # to one's own record: members with a membership of their own (others: 404)
    "participation:mine": Page(get=frozenset(["member", "chair", "steering"])),
    # the member's own record, and the steering committee's and admins'
    "participation:member": Page(
        get=frozenset(["member", "steering", "admin"]),
        kwargs={"membership_id": "membership:member"},
    ),
    "participation:review": Page(
        get=None,
        post=frozenset(["steering"]),
        kwargs={"membership_id": "membership:member"},
        data={"outcome": "no_action", "note": "Matrix note"},
    ),
}


def resolve(value, targets):
    return targets.get(value, value) if isinstance(value, str) else value


def url_for(name, page, targets):
    pattern = web_url_names()[name]
    kwargs = {k: resolve(v, targets) for k, v in page.kwargs.items()}
    if "<slug:slug>" in pattern:
        kwargs["slug"] = targets["slug"]
    return reverse(name, kwargs=kwargs)
