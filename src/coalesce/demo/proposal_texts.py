"""The bodies of the demo coalition's proposals (Markdown). Names, events and figures
are fictional."""

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
