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
        **update_targets(world),
        **finance_targets(world),
        **statement_targets(world),
        **spokespeople_targets(world),
        **credit_targets(world),
        **expertise_targets(world),
        # --- goals (issue 13) ---
        **goals_targets(world),
        # --- health (issue 13) ---
        **health_targets(world),
        # --- meetings (issue 13) ---
        **meetings_targets(world),
        # --- participation (issue 13) ---
        **participation_targets(world),
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


def credit_targets(world) -> dict:
    """A public output with contributions by the member (named), the pseudonymous and the
    steering-only members (who asked to be named, but may not be to most readers)."""
    from coalesce.coalitions.policy import actor_for
    from coalesce.credit import services as credit

    steering = actor_for(world.users["steering"], world.coalition)
    output = credit.record_output(
        steering,
        title="Joint statement on oversight",
        kind="statement",
        date="2026-03-01",
        is_public=True,
    )
    contributions = {
        key: credit.record_contribution(
            steering,
            output.pk,
            membership_id=world.memberships[key].pk,
            role=role,
            degree="lead",
            consent="public",
        )
        for key, role in [
            ("member", "drafting"),
            ("pseudonymous", "research"),
            ("steering_only", "security_support"),
        ]
    }
    return {"credit_output": output.pk, "credit_contribution": contributions["member"].pk}


def spokespeople_targets(world) -> dict:
    """Mandates on "policing" in English: the member's, the pseudonymous member's (its
    person speaks) and the steering-only member's, which opted out for safety; a request
    proposed to the member (its assignment)."""
    from datetime import timedelta

    from django.utils import timezone

    from coalesce.coalitions.policy import actor_for
    from coalesce.spokespeople import services as voices

    steering = actor_for(world.users["steering"], world.coalition)
    today = timezone.localdate()

    def grant(key, **more):
        return voices.grant_mandate(
            steering,
            membership_id=world.memberships[key].id,
            topic="policing",
            language="en",
            starts_on=today,
            expires_on=today + timedelta(days=365),
            **more,
        )

    mandate = grant("member")
    pseudonymous = world.memberships["pseudonymous"]
    other = grant("pseudonymous", person_id=pseudonymous.organisation.people.get().id)
    grant("steering_only")
    voices.set_opt_out(steering, world.memberships["steering_only"].id, opted_out=True)
    request = voices.request_voice(
        steering,
        title="Statement on police reform",
        kind="statement",
        topic="policing",
        language="en",
        needed_on=today + timedelta(days=7),
    )
    return {
        "mandate": mandate.id,
        "other_mandate": other.id,
        "voice_request": request.id,
        "assignment": request.assignments.get().id,
    }


def expertise_targets(world) -> dict:
    """Expertise: the member offers legal aid (``expertise_entry``); the chair's
    organisation asks for legal aid (``help_request``, which reaches the member). The
    hidden members take part too: the pseudonymous one offers and asks, the steering-only
    one offers and answers the chair's request (rows written directly: they have no
    account in the world)."""
    from coalesce.coalitions.policy import actor_for
    from coalesce.expertise import services
    from coalesce.expertise.models import Entry, HelpRequest, Response

    def actor(role):
        return actor_for(world.users[role], world.coalition)

    entry = services.add_entry(
        actor("member"), side="offer", kind="service", topic="legal_aid", text="Paralegals"
    )
    asked = services.post_request(
        actor("chair"), topic="legal_aid", text="A lawyer for a detained officer", language="en"
    )
    hidden = {"pseudonymous": "Trauma counselling", "steering_only": "Court monitoring"}
    for key, text in hidden.items():
        Entry.objects.create(
            coalition=world.coalition,
            membership=world.memberships[key],
            side="offer",
            kind="experience",
            topic="legal_aid",
            text=text,
        )
    HelpRequest.objects.create(
        coalition=world.coalition,
        membership=world.memberships["pseudonymous"],
        topic="legal_aid",
        text="Safe lawyers for survivors",
    )
    Response.objects.create(
        request=asked, membership=world.memberships["steering_only"], message="We monitor courts"
    )
    return {"expertise_entry": entry.id, "help_request": asked.id}


def update_targets(world) -> dict:
    """An update to the whole coalition by the steering member, asking for
    acknowledgement (the member holds a known link token for it), and one to the
    Outreach committee by its chair."""
    from tests.support.updates_world import post_updates

    return post_updates(world)


FINANCE_AT_RISK = "MARKER-FINANCE-ATRISK-PAYEE-5a9c"


def finance_targets(world) -> dict:
    """The coalition's books, recorded through the services: four accounts, a budget line
    of this year, an income, expenses paid to the pseudonymous and the steering-only
    members and to an at-risk payee (a marker in its name, shown to the steering committee
    and custodians only), and an expense by the admin waiting for approval."""
    from datetime import date

    from coalesce.coalitions.policy import actor_for
    from coalesce.finance import services as finance

    admin = actor_for(world.users["admin"], world.coalition)
    steering = actor_for(world.users["steering"], world.coalition)
    accounts = {
        key: finance.add_account(admin, name=name, kind=kind).id
        for key, name, kind in [
            ("bank", "Bank", "asset"),
            ("cash", "Cash", "asset"),
            ("grants", "Grants", "income"),
            ("travel", "Travel", "expense"),
        ]
    }
    today = date.today()
    line = finance.add_budget_line(admin, year=today.year, name="Travel", planned="2000")

    def expense(actor, amount, description, **payee):
        return finance.record_entry(
            actor,
            kind="expense",
            date=today,
            description=description,
            amount=amount,
            account_id=accounts["travel"],
            funds_account_id=accounts["bank"],
            budget_line_id=line.id,
            **payee,
        )

    finance.record_entry(
        admin,
        kind="income",
        date=today,
        description="Foundation grant",
        amount="5000.00",
        account_id=accounts["grants"],
        funds_account_id=accounts["bank"],
        payee="Open Doors Foundation",
    )
    pseudonymous = world.memberships["pseudonymous"].id
    expense(admin, "120.00", "Bus fares", payee_member_id=pseudonymous)
    hidden = world.memberships["steering_only"].id
    expense(steering, "80.00", "Train tickets", payee_member_id=hidden)
    expense(
        steering, "60.00", "Fuel", payee=FINANCE_AT_RISK, payee_at_risk=True, payee_alias="Driver"
    )
    pending = expense(admin, "900.00", "Flights to the regional meeting", payee="Air Travel Ltd")
    return {
        **{f"finance_{key}": pk for key, pk in accounts.items()},
        "finance_line": line.id,
        "finance_pending": pending.id,
    }


def statement_targets(world) -> dict:
    """A draft under comment, a statement open for signature and a published one."""
    from tests.support.statements import statement_targets as build

    return build(world)


# --- goals (issue 13) ---
def goals_targets(world) -> dict:
    """A value; a goal of the Outreach committee with a number indicator and its period;
    the member's pending update (for the steering committee to decide) and its draft
    (for the member to submit); a task of the Outreach committee; the register's
    challenge linked to the goal."""
    from coalesce.coalitions.policy import actor_for
    from coalesce.goals import services as goals
    from coalesce.groundwork.models import Challenge

    steering = actor_for(world.users["steering"], world.coalition)
    member = actor_for(world.users["member"], world.coalition)
    value = goals.add_value(steering, text="Non-violence")
    goal = goals.create_goal(
        steering, title="Oversight body", horizon="long", committee_id=world.committee.pk
    )
    indicator = goals.add_indicator(steering, goal.pk, name="Meetings", kind="number")
    period = goals.add_period(
        steering, indicator.pk, starts_on="2026-01-01", ends_on="2026-06-30", target_value="10"
    )
    pending = goals.draft_update(member, period.pk, value="3")
    goals.submit_update(member, pending.pk)
    draft = goals.draft_update(member, period.pk, value="1")
    task = goals.create_task(steering, committee=world.committee, title="Brief MPs", goal=goal)
    for challenge in Challenge.objects.filter(coalition=world.coalition):
        challenge.goals.add(goal)
    return {
        "goal_value": value.pk,
        "goal": goal.pk,
        "goal_indicator": indicator.pk,
        "goal_period": period.pk,
        "goal_report": pending.pk,
        "goal_draft": draft.pk,
        "goal_task": task.pk,
    }


# --- meetings (issue 13) ---


def meetings_targets(world) -> dict:
    """Venues (one kept free to be removed), a coalition meeting whose poll is open, and
    one scheduled meeting; the member's secret calendar feed."""
    from datetime import timedelta

    from django.utils import timezone

    from coalesce.coalitions.policy import actor_for
    from coalesce.meetings import minutes
    from coalesce.meetings import services as meet

    def actor(role):
        return actor_for(world.users[role], world.coalition)

    steering = actor("steering")
    hall = meet.add_venue(steering, name="Matrix hall", address="1 Main St", capacity=50)
    online = meet.add_venue(steering, name="Matrix call", address="Link", online=True)
    spare = meet.add_venue(steering, name="Spare room", address="2 Main St")
    later = timezone.now() + timedelta(days=30)

    def meeting(title, days):
        return meet.create_meeting(
            steering,
            title=title,
            time_zone="Africa/Nairobi",
            duration_minutes=60,
            times=[later + timedelta(days=days)],
            venue_ids=[hall.id, online.id],
        )

    polling = meeting("Matrix poll", 1)
    scheduled = meeting("Matrix meeting", 2)
    time = scheduled.times.get()
    meet.answer_poll(actor("member"), scheduled.id, answers={time.id: "yes"}, time_zone="UTC")
    meet.schedule_meeting(steering, scheduled.id, time_id=time.id, venue_id=hall.id)
    agenda_item = minutes.add_agenda_item(steering, scheduled.id, title="Welcome", minutes=10)
    minute = minutes.add_minute(steering, scheduled.id, kind="note", text="Apologies from two")
    return {
        "agenda_item": agenda_item.id,
        "minute_item": minute.id,
        "meeting": polling.id,
        "meeting_time": polling.times.get().id,
        "meeting_scheduled": scheduled.id,
        "venue": hall.id,
        "venue_online": online.id,
        "venue_spare": spare.id,
        "calendar_feed": meet.reset_feed(actor("member")),
    }


# --- health (issue 13) ---


def health_targets(world) -> dict:
    """A closed health-check wave (answered by the member, chair and steering: too few to
    show) and the open one after it."""
    from datetime import timedelta

    from django.utils import timezone

    from coalesce.coalitions.policy import actor_for
    from coalesce.health import services as health
    from coalesce.health.items import ITEM_KEYS

    steering = actor_for(world.users["steering"], world.coalition)
    closes_on = timezone.localdate() + timedelta(days=30)
    closed = health.open_wave(steering, title="First check", closes_on=closes_on)
    for role in ("member", "chair", "steering"):
        health.answer(
            actor_for(world.users[role], world.coalition),
            closed.pk,
            scores=dict.fromkeys(ITEM_KEYS, 2),
            size="small",
        )
    health.close_wave(steering, closed.pk)
    opened = health.open_wave(steering, title="Second check", closes_on=closes_on)
    return {"health_wave_closed": closed.pk, "health_wave_open": opened.pk}


# --- participation (issue 13) ---

CONDUCT_NOTE_MARKER = "MARKER-CONDUCT-NOTE-3b9e"


def held_meeting(steering, *, committee_id=None, days_ago=2, title="Held meeting", invitee=None):
    """A scheduled meeting (of the coalition, or of a committee) that started
    ``days_ago``; ``invitee`` (an actor, by default ``steering``) answered its poll. The
    services only take times to come, so the meeting is moved back afterwards."""
    from datetime import timedelta

    from django.utils import timezone

    from coalesce.meetings import services
    from coalesce.meetings.models import Meeting

    venue = services.add_venue(steering, name=f"Room {title}", address="1 Main St")
    meeting = services.create_meeting(
        steering,
        title=title,
        time_zone="UTC",
        duration_minutes=60,
        times=[timezone.now() + timedelta(days=3)],
        venue_ids=[venue.id],
        committee_id=committee_id,
    )
    time = meeting.times.get()
    services.answer_poll(invitee or steering, meeting.id, answers={time.id: "yes"}, time_zone="UTC")
    services.schedule_meeting(steering, meeting.id, time_id=time.id, venue_id=venue.id)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(days=days_ago)
    )
    return Meeting.objects.get(pk=meeting.pk)


def participation_targets(world) -> dict:
    """A coalition meeting that was held (the member attended it), and a conduct review
    of the member whose note carries a marker (read only by the member itself, the
    steering committee and admins)."""
    from coalesce.coalitions.policy import actor_for
    from coalesce.meetings import attendance
    from coalesce.participation import services

    steering = actor_for(world.users["steering"], world.coalition)
    held = held_meeting(steering, title="Matrix held meeting")
    member = world.memberships["member"]
    attendance.record_attendance(steering, meeting=held, memberships=[member.id])
    review = services.record_review(
        steering, member.id, note=f"Spoke with them. {CONDUCT_NOTE_MARKER}", outcome="reminder"
    )
    return {"meeting_held": held.id, "conduct_review": review.id}
