"""Decisions for the demo coalition: categories and rules, proposals in every state,
a charter decision that changed a rule, and a small conflict register.

Called once by ``coalitions.demo.load`` inside its once-only guard, after the
coalition's members and committees were built through the services. Categories,
rules, proposals, comments, conflicts, closing and the ballots of members with a demo
login (the admin votes for the Institute for Security Governance Studies, which she
represents on the steering committee) go through the real services; members of the
demo without a login get their ballots as rows on their ``Elector``. Decisions that are
already closed are opened and voted on now, then moved into the past and closed with a
``now`` after their window, so their outcome is computed exactly as it would have been.

Names, events and figures are fictional.
"""

from datetime import timedelta

from django.utils import timezone

from coalesce.accounts.models import User
from coalesce.coalitions.models import Membership, name_is
from coalesce.coalitions.policy import actor_for
from coalesce.decisions import services
from coalesce.decisions.models import (
    Ballot,
    Comment,
    Conflict,
    Elector,
    Notification,
    Proposal,
    Rule,
)

# Steering committee members without a demo login (see coalitions.demo.STEERING); the
# admin, who chairs it, represents the Institute for Security Governance Studies.
OMBUDSMAN = "Office of the Police Ombudsman"
TRADERS = "Border Women Traders' Union"

# --- texts --------------------------------------------------------------------------

VETTING_STATEMENT = """\
## Why one statement

Parliament's Committee on Administration and Security takes written submissions on
the **Police Service (Vetting) Bill** until the end of the month. Eight of our members
planned to write separately. One statement signed by the coalition carries more weight
and saves everyone time.

## What the statement asks for

1. Complaints of sexual and gender-based violence against an officer are part of
   every vetting file, including complaints that were withdrawn.
2. At least one third of each vetting panel are women, and one seat goes to a
   civil-society member chosen through an open call.
3. Survivors can give evidence to a panel in confidence, without meeting the officer.
4. Panels publish a yearly summary: how many officers were vetted, how many removed,
   and on what grounds.

## Signatories

Every member organisation that does not ask to be left off by Friday. Members listed
under an alias in the directory are never named.

The lobbying committee presents the statement to the committee clerk and asks for a
slot at the public hearing.
"""

CONFERENCE_BUDGET = """\
## Proposal

Use **KES 1,200,000** of the core grant to co-fund the regional conference
*Women in Policing: Five Years On*, in Kisumu in September.

| Item | KES |
| --- | ---: |
| Travel for 20 members from Uganda, Tanzania, Rwanda and Ethiopia | 640,000 |
| Interpretation (Kiswahili, French) | 260,000 |
| Venue and meals, our share | 300,000 |
| **Total** | **1,200,000** |

The Regional Peace Support Programme covers the rest. The grant's 2026 work plan lists
"regional exchange" as an activity, so the donor does not need to approve a change.

## Why

Most of our members outside Kenya have never met the Kenyan police reform
groups in person. The conference is where the regional network on vetting and
complaints could be agreed.
"""

BUDGET_RULE_CHANGE = """\
## What happened

The vote on co-funding the Kisumu conference did not count: only 9 of our 27 members
took part, and the budget rule needs half of all members. Several members told the
secretariat they were in the field that week, or had no reliable connection.

## Proposal

Change the rule for **Budget** decisions:

- keep the **two-thirds** majority of yes-or-no votes, and one vote per member;
- lower the quorum from **50% to 40%** of all members;
- give members **14 days** to vote instead of 7;
- abstentions still count toward the quorum; ballots stay open (not secret).

Decisions already taken under the old rule keep it. The new rule applies to budget
proposals opened after this decision is adopted.
"""

ADMISSION = """\
## The application

The **Coastal Fisherwomen's Association** (Tanga, Tanzania) asks to join as a member
organisation. It has about 300 members who sell and process fish at four landing sites.

Its members regularly face demands for bribes and harassment from marine patrols and
beach security, and the association has documented 40 cases since 2024, working with
paralegals to bring them to the district police commander.

## Eligibility

- Works on safe and accountable security institutions: **yes**, see above.
- Recommended by two members: **Prison Watch Initiative** and **Legal Literacy
  Foundation**.
- Accepts the code of conduct: **yes**.

## How to decide

This is a secret ballot of the steering committee: yes, no or abstain. After voting
you get a receipt code; keep it to check that your ballot was counted.
"""

GUIDELINES_STATEMENT = """\
## Proposal

The Ministry of Interior has published revised **community policing guidelines**. We
propose a short joint statement that:

- welcomes the requirement that every community policing committee includes women
  and young people;
- welcomes the new complaints desk at each county police headquarters;
- offers the coalition's help in training committee members on gender-sensitive
  responses to domestic violence.

Draft text (200 words) is below; comments on wording are welcome here before the
window closes.

> The Safer Communities Coalition welcomes the revised community policing
> guidelines and the place they give to women and young people. We stand ready to
> support their roll-out county by county.
"""

MEETING_ROTATION = """\
## Proposal

Hold the quarterly members' meeting in turn in **Nairobi, Kampala and Dar es Salaam**,
instead of always in Nairobi, with a video link for everyone who cannot travel.

- The host city's members organise the venue; the secretariat handles the link.
- Travel support stays as it is: two places per country, by lot when more ask.

## Open questions

- Should Kigali and Addis Ababa join the rotation next year?
- Do we keep one fully online meeting a year to save costs?
"""

NAME_AND_LOGO = """\
## Proposal

Rules for using the coalition's name and logo, following the issue raised in the
conflict register about a campaign flyer:

1. Only the steering committee, or a spokesperson it names, speaks or publishes in
   the coalition's name.
2. Members may say they are *a member of the Safer Communities Coalition*, but may not
   use the logo on their own material without the steering committee's written consent.
3. The name and logo are never used in party-political campaigns, by anyone.
4. A misuse is raised in the conflict register; the steering committee answers
   within two weeks.
"""


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


def load(coalition):
    """Create the demo coalition's decisions (call once, with the coalition's members)."""
    from coalesce.coalitions.demo import LOGINS

    a = {
        role: actor_for(User.objects.get(email=LOGINS[role][0]), coalition)
        for role in ("admin", "steering", "chair", "member")
    }
    steering = a["steering"]

    categories = {}
    for key, name, description, terms in [
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
            dict(
                method="qualified_majority",
                electorate="all_members",
                threshold_numerator=2,
                threshold_denominator=3,
                quorum_percent=50,
                window_hours=168,
            ),
        ),
        (
            "daily",
            "Day-to-day",
            "Practical arrangements: meetings, tools, the secretariat's routines.",
            dict(method="consent", electorate="steering", window_hours=72),
        ),
    ]:
        category = services.create_category(steering, name=name, description=description)
        services.define_rule(steering, category.id, **terms)
        categories[key] = category
    charter = services.ensure_charter_category(coalition)
    services.define_rule(
        steering,
        charter.id,
        method="qualified_majority",
        electorate="all_members",
        threshold_numerator=2,
        threshold_denominator=3,
        quorum_percent=50,
        window_hours=336,
    )

    def propose(author, category, title, body, **extra):
        proposal = services.create_proposal(
            a[author], category_id=categories[category].id, title=title, body=body, **extra
        )
        return services.open_proposal(a[author], proposal.id)

    # 1. Adopted by consensus, with one member standing aside (closed).
    vetting = propose(
        "steering",
        "statements",
        "Joint submission on the Police Service (Vetting) Bill",
        VETTING_STATEMENT,
    )
    services.cast(steering, vetting.id, position="agree")
    services.cast(a["admin"], vetting.id, position="agree")
    _vote_for(
        vetting,
        OMBUDSMAN,
        "stand_aside",
        "As a statutory oversight body we do not sign submissions on bills about our own "
        "mandate. We support the text and will not stand in its way.",
    )
    _vote_for(vetting, TRADERS, "agree")
    _close_in_the_past(vetting, opened_days_ago=40)

    # 2. A budget vote that failed for lack of quorum (closed), under the rule's version 1.
    conference = propose(
        "chair",
        "budget",
        "Co-fund the regional Women in Policing conference in Kisumu",
        CONFERENCE_BUDGET,
    )
    services.cast(a["chair"], conference.id, position="yes")
    services.cast(steering, conference.id, position="yes")
    services.cast(a["member"], conference.id, position="abstain")
    services.cast(a["admin"], conference.id, position="yes")
    _votes_for_the_rest(conference, ["yes"] * 4 + ["no"])
    _close_in_the_past(conference, opened_days_ago=75)

    # 3. The charter decision that changed the Budget rule (adopted: the rule's version 2).
    categories["charter"] = charter
    rule_change = propose(
        "steering",
        "charter",
        "Budget decisions: a 40% quorum and two weeks to vote",
        BUDGET_RULE_CHANGE,
        rule_change_category_id=categories["budget"].id,
        rule_change=dict(
            method="qualified_majority",
            electorate="all_members",
            threshold_numerator=2,
            threshold_denominator=3,
            quorum_percent=40,
            window_hours=336,
            abstentions_count_for_quorum=True,
            secret=False,
        ),
    )
    for role in ("admin", "steering", "chair", "member"):
        services.cast(a[role], rule_change.id, position="yes")
    _votes_for_the_rest(rule_change, ["yes"] * 13 + ["no"] * 2 + ["abstain"])
    adopted = _close_in_the_past(rule_change, opened_days_ago=60)
    # Rules carry the date they came into force: the first versions before any proposal,
    # the Budget rule's version 2 when the charter decision was adopted.
    Rule.objects.filter(category__coalition=coalition, version=1).update(
        created_at=timezone.now() - timedelta(days=90)
    )
    Rule.objects.filter(adopted_by=adopted).update(created_at=adopted.closed_at)

    # 4. A conflict register: one resolved through a decision, one anonymous, one mediated.
    flyer = services.raise_conflict(
        a["chair"],
        title="The coalition's name on a campaign flyer",
        description=(
            "During the county by-election a flyer listed our coalition among the "
            "supporters of one candidate. Members who work with all parties were asked "
            "by officials whether the coalition had taken sides."
        ),
    )
    logo = propose(
        "steering",
        "daily",
        "Rules for using the coalition's name and logo",
        NAME_AND_LOGO,
        conflict_id=flyer.id,
    )
    services.cast(steering, logo.id, position="consent")
    services.cast(a["admin"], logo.id, position="consent")
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

    # 5. Open now: a secret ballot the demo steering login has not voted in yet.
    admission = propose(
        "steering", "members", "Admit the Coastal Fisherwomen's Association", ADMISSION
    )
    services.cast(a["admin"], admission.id, position="yes")  # keeps her receipt code
    _place(admission, opened_days_ago=2)

    # 6. Open now: a consensus proposal with a block and its reason.
    guidelines = propose(
        "chair",
        "statements",
        "Welcome the revised community policing guidelines",
        GUIDELINES_STATEMENT,
    )
    services.cast(a["admin"], guidelines.id, position="agree")
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

    # 7. A draft still under discussion.
    rotation = services.create_proposal(
        a["member"],
        category_id=categories["daily"].id,
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
