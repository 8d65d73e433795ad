"""The objects the authorisation matrices' URL arguments and API parameters point at
(the ``targets`` fixture of tests/project/conftest.py), built in the standard world."""


def build_targets(world) -> dict:
    from coalesce.accounts.models import ApiToken, Invitation
    from coalesce.coalitions.models import EligibilityRequirement

    token, _raw = ApiToken.issue(world.users["admin"], "matrix")
    invitation = Invitation.objects.create(
        coalition=world.coalition,
        email="invitee@example.org",
        token_hash="0" * 64,
        invited_by=world.users["admin"],
        expires_at="2099-01-01T00:00:00Z",
    )
    requirement = EligibilityRequirement.objects.create(coalition=world.coalition, text="Be kind")
    decisions = decision_targets(world)
    plan = training_plan(world)
    return {
        **decisions,
        **live_session_targets(plan),
        **groundwork_targets(world),
        "plan": plan.id,
        "slug": world.coalition.slug,
        "committee": world.committee.id,
        "application": world.pending_application.id,
        "requirement": requirement.id,
        "invitation": invitation.id,
        "token": token.id,
        **{f"membership:{k}": m.id for k, m in world.memberships.items()},
        # --- updates (issue 12) ---
        # --- finance (issue 12) ---
        # --- statements (issue 12) ---
        **statement_targets(world),
        # --- spokespeople (issue 12) ---
        # --- credit (issue 12) ---
    }


def training_plan(world):
    """A two-hour session of Module 12 planned by the member."""
    from coalesce.training.models import Plan

    return Plan.objects.create(
        owner=world.users["member"],
        module_id="module-12",
        title="Member's Module 12 session",
        available_minutes=120,
        breaks=[{"after_item": "coalition-building", "minutes": 10, "label": "Tea"}],
    )


def live_session_targets(plan) -> dict:
    """The member runs a live session of the plan: a participant ("Ada") has joined and
    put two cards on the discussion's board; a finished session of the same plan.

    ``session_code``/``participant_token`` let a test act as Ada's phone.
    """
    from coalesce.training.live import services as live

    owner = plan.owner
    finished = live.open_session(owner, plan.pk)
    live.close_session(owner, finished.pk)
    session = live.open_session(owner, plan.pk)
    ada, token = live.join(session.code, "Ada")
    live.go_to(owner, session.pk, "strengths-weaknesses")
    card = live.post_card(ada, "strengths-weaknesses", "Decisions take longer")
    other = live.post_card(ada, "strengths-weaknesses", "It is slow")
    paper = live.add_paper_participant(owner, session.pk, "Sheet 1")
    return {
        "session": session.pk,
        "finished_session": finished.pk,
        "session_code": session.code,
        "participant_token": token,
        "participant": ada.pk,
        "paper_participant": paper.pk,
        "card": card.pk,
        "other_card": other.pk,
    }


def groundwork_targets(world) -> dict:
    """A prospective partner and a challenge in the coalition's groundwork."""
    from coalesce.groundwork.models import Challenge, ProspectivePartner

    partner = ProspectivePartner.objects.create(
        coalition=world.coalition,
        description="Women police network",
        contact_email=world.markers["partner_contact_email"],
    )
    challenge = Challenge.objects.create(
        coalition=world.coalition, challenge="Members fear being seen with us"
    )
    return {"prospective_partner": partner.id, "register_challenge": challenge.id}


def decision_targets(world) -> dict:
    """A category with a consensus rule; an open proposal on which the hidden members
    hold positions (one blocks, with a reason); a draft; a secret ballot; a conflict."""
    from coalesce.coalitions.policy import actor_for
    from coalesce.decisions import services as decide
    from coalesce.decisions.models import Ballot, Elector

    def actor(role):
        return actor_for(world.users[role], world.coalition)

    category = decide.create_category(actor("steering"), name="Joint statements")
    decide.define_rule(
        actor("steering"),
        category.id,
        method="consensus",
        electorate="all_members",
        quorum_percent=50,
        window_hours=48,
    )
    proposal = decide.create_proposal(
        actor("member"),
        category_id=category.id,
        title="Statement on police reform",
        body="We call for **independent** oversight.",
    )
    decide.open_proposal(actor("member"), proposal.id)
    decide.cast(actor("member"), proposal.id, position="agree")
    for key, position, reason in [
        ("pseudonymous", "block", "Our members would be exposed."),
        ("steering_only", "stand_aside", ""),
    ]:
        elector = Elector.objects.get(proposal=proposal, membership=world.memberships[key])
        Ballot.objects.create(proposal=proposal, elector=elector, position=position, reason=reason)
    draft = decide.create_proposal(
        actor("member"), category_id=category.id, title="Draft budget note", body="Draft."
    )
    secret_category = decide.create_category(actor("steering"), name="New members")
    decide.define_rule(
        actor("steering"),
        secret_category.id,
        method="simple_majority",
        electorate="all_members",
        quorum_percent=50,
        window_hours=48,
        secret=True,
    )
    secret = decide.create_proposal(
        actor("member"), category_id=secret_category.id, title="Admit a new member", body="…"
    )
    decide.open_proposal(actor("member"), secret.id)
    conflict = decide.raise_conflict(
        actor("member"), title="Credit for the March report", description="We were not named."
    )
    return {
        "category": category.id,
        "proposal": proposal.id,
        "draft_proposal": draft.id,
        "secret_proposal": secret.id,
        "conflict": conflict.id,
    }


def statement_targets(world) -> dict:
    """A draft under comment, a statement open for signature and a published one."""
    from tests.support.statements import statement_targets as build

    return build(world)
