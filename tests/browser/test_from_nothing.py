"""From nothing to a working coalition, in Debian's chromium, following only the README.

An empty database (no demo). The first account is made with ``coalesce createadmin``, as
the README tells an operator to; every other step goes through the browser: sign in,
found a coalition for an organisation with open applications, agree two charter
policies, import a list of organisations, check the diversity page against the file, let
a visitor apply from the public page (e-mail link → sign-up → application), approve
them, have them acknowledge the code of conduct, and seat them on the steering committee.
Then the coalition's first vote: a decision category with a first rule (a fresh coalition
has none), a proposal for the steering committee, opened, a vote from each of its two
members, closed early once both have voted, and the outcome page.

The founder works at desktop width (1280), the visitor at phone width (390). Screenshots
of the key steps land in the test's temporary folder (its path is printed). The steps,
forms and clicks are counted as the journey goes (printed at the end, and written to
``journey.json`` beside the screenshots): ``docs/getting-started.md`` quotes them.
"""

import io
import json
import re
from collections import Counter
from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django_countries import countries
from playwright.sync_api import expect

from coalesce.coalitions.models import ActorType, Coalition, Membership, MembershipStatus, name_is
from tests.support.from_nothing import (
    CATEGORY,
    COALITION,
    FOUNDER_ACTOR_TYPE,
    FOUNDER_COUNTRY,
    FOUNDER_EMAIL,
    FOUNDER_NAME,
    FOUNDER_ORG,
    FOUNDER_PASSWORD,
    MEMBERS,
    PROPOSAL,
    VISITOR_EMAIL,
    VISITOR_NAME,
    VISITOR_ORG,
    VISITOR_PASSWORD,
    actor_type_code,
    country_code,
    member_csv,
)

pytestmark = pytest.mark.browser


def expected_counts():
    """What the diversity page should show: the file's rows plus the founder's own."""
    types = Counter(actor_type_code(t) for _n, t, _c, _a, _v in MEMBERS)
    types[FOUNDER_ACTOR_TYPE] += 1
    by_country = Counter(country_code(c) for _n, _t, c, _a, _v in MEMBERS)
    by_country[FOUNDER_COUNTRY] += 1
    areas = Counter(
        a.strip() for _n, _t, _c, text, _v in MEMBERS for a in text.split(";") if a.strip()
    )
    return (
        {str(ActorType(code).label): n for code, n in types.items()},
        {dict(countries)[code]: n for code, n in by_country.items()},
        dict(areas),
    )


def table_counts(page, labelled_by: str) -> dict:
    rows = page.locator(f"table[aria-labelledby='{labelled_by}'] tbody tr")
    counts = {}
    for i in range(rows.count()):
        label, count = rows.nth(i).locator("td").all_inner_texts()
        counts[label.strip()] = int(count)
    return counts


class Journey:
    """Counts steps, forms sent and clicks (links and buttons), and takes screenshots."""

    def __init__(self, folder):
        self.folder = folder
        self.steps = []

    def step(self, who: str, title: str):
        self.steps.append({"who": who, "step": title, "forms": 0, "clicks": 0, "addresses": 0})

    def click(self, locator):
        self.steps[-1]["clicks"] += 1
        locator.click()

    def submit(self, locator):
        self.steps[-1]["clicks"] += 1
        self.steps[-1]["forms"] += 1
        locator.click()

    def open(self, page, address: str):
        """An address typed or followed from outside the site (an e-mail)."""
        self.steps[-1]["addresses"] += 1
        page.goto(address)

    def shot(self, page, name: str):
        page.screenshot(path=str(self.folder / f"{len(self.steps):02d}-{name}.png"), full_page=True)

    def totals(self, who=None) -> dict:
        rows = [s for s in self.steps if who is None or s["who"] == who]
        return {
            "steps": len(rows),
            "forms": sum(s["forms"] for s in rows),
            "clicks": sum(s["clicks"] for s in rows),
            "addresses": sum(s["addresses"] for s in rows),
        }


def main(page):
    return page.locator("main")


def expect_message(page, text):
    expect(page.locator("ul.messages")).to_contain_text(text)


def test_from_nothing_to_a_working_coalition(transactional_db, new_page, tmp_path):
    shots = tmp_path / "screenshots"
    shots.mkdir()
    journey = Journey(shots)
    assert not Coalition.objects.exists()

    # 1. The first account, as the README says: coalesce createadmin.
    journey.step("operator", "Create the first account (coalesce createadmin)")
    password_file = tmp_path / "password"
    password_file.write_text(FOUNDER_PASSWORD + "\n")
    out = io.StringIO()
    call_command(
        "createadmin",
        "--email",
        FOUNDER_EMAIL,
        "--name",
        FOUNDER_NAME,
        "--password-file",
        str(password_file),
        "--no-input",
        stdout=out,
    )
    assert "Sign in at /accounts/login/ and create a coalition at /coalitions/new/" in (
        out.getvalue()
    )

    # 2. Sign in, from the home page.
    founder = new_page(width=1280, height=900)
    journey.step("coordinator", "Sign in")
    journey.open(founder, "/")
    journey.click(main(founder).get_by_role("link", name="Sign in"))
    founder.get_by_label("E-mail address").fill(FOUNDER_EMAIL)
    founder.get_by_label("Password").fill(FOUNDER_PASSWORD)
    journey.submit(main(founder).get_by_role("button", name="Sign in"))
    expect(founder.get_by_role("heading", level=1)).to_have_text("Your coalitions")
    expect(main(founder)).to_contain_text("You are not part of a coalition yet")

    # 3. Found the coalition: for an organisation, open applications.
    journey.step("coordinator", "Start the coalition (/coalitions/new/)")
    journey.click(main(founder).get_by_role("link", name="Start a coalition"))
    expect(founder.get_by_role("heading", level=1)).to_have_text("Start a coalition")
    founder.get_by_label(re.compile(r"^Name:?$")).fill(COALITION)
    founder.get_by_role("textbox", name=re.compile("^Purpose")).fill(
        "Women's organisations, researchers, faith groups and oversight bodies pressing "
        "together for police and defence reform that answers to the public."
    )
    founder.get_by_label("Open applications: anyone may apply from the public page").check()
    founder.get_by_label("For an organisation").check()
    founder.get_by_label("Your full name").fill(FOUNDER_NAME)
    founder.get_by_label("Your organisation").fill(FOUNDER_ORG)
    founder.get_by_label("Type of organisation").select_option(FOUNDER_ACTOR_TYPE)
    founder.get_by_label("Country").select_option(FOUNDER_COUNTRY)
    founder.get_by_label("Public: shown on the coalition's public page").check()
    journey.submit(main(founder).get_by_role("button", name="Create"))

    # 4. Next steps.
    expect(founder).to_have_url(re.compile(r"/c/[a-z0-9-]+/next-steps/$"))
    slug = founder.url.rstrip("/").split("/")[-2]
    assert slug == "coalition-for-accountable-security"
    expect(founder.get_by_role("heading", level=1)).to_have_text("Next steps")
    expect(main(founder)).to_contain_text(
        f"{COALITION} exists, and you are its first member, chair of its steering committee"
    )
    expect(main(founder)).to_contain_text("0 of 9 policies agreed.")
    expect(main(founder)).to_contain_text("1 active member so far.")
    expect(main(founder)).to_contain_text("1 member on the steering committee.")
    expect(main(founder)).to_contain_text("Open applications: anyone may apply")
    journey.shot(founder, "next-steps")

    # 5. Two charter policies: membership requirements, code of conduct.
    policies = [
        (
            "Membership requirements",
            "Organisations and individuals working for accountable security institutions, "
            "registered or not, that accept the code of conduct.",
        ),
        (
            "Membership code of conduct",
            "We speak for ourselves, never for another member without their consent. We keep "
            "the identities of protected members to ourselves. We disagree openly and decide "
            "by the rules in the charter.",
        ),
    ]
    for label, text in policies:
        journey.step("coordinator", f"Agree the charter policy “{label}”")
        if founder.get_by_role("heading", level=1).inner_text() != "Charter":
            journey.click(main(founder).get_by_role("link", name="Open the charter"))
        expect(founder.get_by_role("heading", level=1)).to_have_text("Charter")
        journey.click(main(founder).get_by_role("link", name=f"Edit “{label}”"))
        expect(founder.get_by_role("heading", level=1)).to_have_text(label)
        founder.get_by_label("Status").select_option("agreed")
        founder.get_by_label("Text of the policy").fill(text)
        founder.get_by_label("Date agreed").fill(date.today().isoformat())
        journey.submit(main(founder).get_by_role("button", name="Save the policy"))
        expect(founder.get_by_role("heading", level=1)).to_have_text("Charter")
        policy = main(founder).locator("li.policy", has=founder.get_by_role("heading", name=label))
        expect(policy.get_by_role("heading", level=2)).to_contain_text("Agreed")
        expect(policy).to_contain_text(text)
    expect(main(founder)).to_contain_text("2 of 9")
    journey.shot(founder, "charter")

    # 6. Import the member list: members directory → Import members → preview → import.
    journey.step("coordinator", "Import the member list (preview, then confirm)")
    journey.click(
        founder.get_by_role("navigation", name="Coalition").get_by_role("link", name="Members")
    )
    journey.click(main(founder).get_by_role("link", name="Import members"))
    expect(founder.get_by_role("heading", level=1)).to_have_text("Import members")
    founder.get_by_label("Member file (CSV or XLSX)").set_input_files(
        {"name": "our-members.csv", "mimeType": "text/csv", "buffer": member_csv()}
    )
    journey.submit(main(founder).get_by_role("button", name="Preview"))
    expect(founder.get_by_role("heading", name="Preview")).to_be_visible()
    counts = founder.get_by_role("status", name="Counts")
    expect(counts).to_contain_text(f"{len(MEMBERS)} new")
    expect(counts).to_contain_text("0 already registered")
    expect(counts).to_contain_text("0 with problems")
    expect(main(founder)).to_contain_text(
        f"Nothing has been written yet. Confirm to add these {len(MEMBERS)} members"
    )
    for name in (
        "Mothers' Union of Kisumu",
        "Côte d'Ivoire",
        "شبكة النساء للأمن",
        "女性安全研究所",
    ):
        expect(main(founder).locator("table")).to_contain_text(name)
    assert Membership.objects.count() == 1  # the preview wrote nothing
    journey.shot(founder, "import-preview")
    journey.submit(main(founder).get_by_role("button", name="Import", exact=True))
    expect(founder.get_by_role("heading", level=1)).to_have_text("Members")
    expect_message(founder, f"{len(MEMBERS)} members imported; 0 were already registered.")
    expect(main(founder)).to_contain_text("Ассоциация женщин-миротворцев")

    # 7. The diversity page counts what the file holds (and the founder's organisation).
    journey.step("coordinator", "Check the diversity page")
    journey.click(
        founder.get_by_role("navigation", name="Coalition").get_by_role("link", name="Diversity")
    )
    expect(founder.get_by_role("heading", level=1)).to_have_text("Diversity of the coalition")
    expect(main(founder)).to_contain_text(
        f"Based on {len(MEMBERS) + 1} active member organisations whose identity you can see."
    )
    by_type, by_country, by_area = expected_counts()
    assert len(by_type) >= 5
    assert table_counts(founder, "actor-types") == by_type
    assert table_counts(founder, "countries") == by_country
    assert table_counts(founder, "focus-areas") == by_area
    expect(main(founder).locator("figure svg")).to_be_visible()
    expect(main(founder)).to_contain_text("Political party")  # missing actor types are named
    journey.shot(founder, "diversity")

    # The stakeholder map of prospective partners (empty on a new coalition).
    journey.step("coordinator", "Look at the prospective partners (groundwork)")
    journey.click(
        founder.get_by_role("navigation", name="Coalition").get_by_role("link", name="Groundwork")
    )
    expect(founder.get_by_role("heading", level=1)).to_be_visible()
    journey.shot(founder, "groundwork")

    # 8. A visitor, on a phone, applies from the public page.
    visitor = new_page(width=390, height=844)
    journey.step("visitor", "Find the coalition's public page")
    journey.open(visitor, "/")
    journey.click(main(visitor).get_by_role("link", name=COALITION))
    expect(visitor.get_by_role("heading", level=1)).to_have_text(COALITION)
    expect(main(visitor)).to_contain_text("Women's organisations, researchers")
    public_table = main(visitor).locator("table")
    expect(public_table).to_contain_text(FOUNDER_ORG)
    expect(public_table).to_contain_text("La Voz de las Mujeres")
    expect(public_table).not_to_contain_text("Bar Association Women's Caucus")  # steering only
    journey.shot(visitor, "public-page")

    journey.step("visitor", "Ask to join with an e-mail address")
    journey.click(main(visitor).get_by_role("link", name="Apply to join"))
    expect(visitor.get_by_role("heading", level=1)).to_have_text(f"Apply to join {COALITION}")
    visitor.get_by_label("Your e-mail address").fill(VISITOR_EMAIL)
    journey.submit(main(visitor).get_by_role("button", name="Send me the link"))
    expect(main(visitor).get_by_role("status")).to_contain_text("Check your inbox")
    journey.shot(visitor, "join-sent")

    journey.step("visitor", "Open the e-mail's link and create an account")
    # The worker beside the server sends it from the task queue.
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    messages = [m for m in mail.outbox if m.to == [VISITOR_EMAIL]]
    assert len(messages) == 1
    link = re.search(r"https?://[^/\s]+(/accounts/invitation/[^/\s]+/)", messages[0].body)
    assert link, messages[0].body
    journey.open(visitor, link[1])
    expect(visitor.get_by_role("heading", level=1)).to_contain_text(COALITION)
    expect(visitor.locator("#invited-email")).to_have_value(VISITOR_EMAIL)
    visitor.get_by_label("Your name, as others will see it").fill(VISITOR_NAME)
    visitor.get_by_label(re.compile(r"^Password:?$")).fill(VISITOR_PASSWORD)
    visitor.get_by_label("Password again").fill(VISITOR_PASSWORD)
    journey.shot(visitor, "sign-up")
    journey.submit(main(visitor).get_by_role("button", name="Create account"))

    journey.step("visitor", "Fill in and send the application")
    expect_message(visitor, "Your account is ready.")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(f"Apply to join {COALITION}")
    expect(visitor.get_by_label("Your full name")).to_have_value(VISITOR_NAME)
    visitor.get_by_label("An organisation").check()
    visitor.get_by_label("Organisation name").fill(VISITOR_ORG)
    visitor.get_by_label("Type of organisation").select_option("cso")
    visitor.get_by_label("Country").select_option("TZ")
    visitor.get_by_label("Why do you want to join?").fill(
        "We mediate disputes between police and lake communities."
    )
    journey.shot(visitor, "application-form")
    journey.submit(main(visitor).get_by_role("button", name="Send application"))
    expect(visitor.get_by_role("heading", level=1)).to_have_text(f"Application: {VISITOR_ORG}")
    expect(main(visitor)).to_contain_text("Pending")
    application_url = visitor.url

    # 9. The founder approves it.
    journey.step("coordinator", "Review and approve the application")
    journey.click(
        founder.get_by_role("navigation", name="Coalition").get_by_role("link", name="Applications")
    )
    expect(founder.get_by_role("heading", level=1)).to_have_text("Applications")
    journey.click(main(founder).get_by_role("link", name=VISITOR_ORG))
    expect(founder.get_by_role("heading", level=1)).to_have_text(f"Application: {VISITOR_ORG}")
    expect(main(founder)).to_contain_text("We mediate disputes")
    journey.submit(main(founder).get_by_role("button", name="Approve", exact=True))
    expect(main(founder)).to_contain_text(re.compile("approved", re.I))

    # 10. The applicant acknowledges the code of conduct.
    journey.step("visitor", "Acknowledge the code of conduct")
    # Nothing tells the applicant they were approved (no e-mail; the coalition's page shows
    # them nothing): they come back to the application page their tab still shows.
    assert visitor.url == application_url
    visitor.reload()
    expect(main(visitor)).to_contain_text("Your application was approved. One step is left")
    journey.click(
        main(visitor).get_by_role("link", name="Read and acknowledge the code of conduct")
    )
    expect(visitor.get_by_role("heading", level=1)).to_have_text(VISITOR_ORG)
    expect(main(visitor)).to_contain_text("We speak for ourselves")
    visitor.get_by_label("I have read the code of conduct and agree to follow it").check()
    journey.shot(visitor, "code-of-conduct")
    journey.submit(main(visitor).get_by_role("button", name="Acknowledge and activate"))
    new_member = Membership.objects.get(
        name_is(VISITOR_ORG, Coalition.objects.get(), "organisation__")
    )
    assert new_member.status == MembershipStatus.ACTIVE
    journey.shot(visitor, "member-active")

    # 11. The founder seats the new member on the steering committee.
    journey.step("coordinator", "Seat the new member on the steering committee")
    journey.click(
        founder.get_by_role("navigation", name="Coalition").get_by_role("link", name="Committees")
    )
    expect(founder.get_by_role("heading", level=1)).to_have_text("Committees")
    journey.click(main(founder).get_by_role("link", name=re.compile("Steering committee", re.I)))
    expect(founder.get_by_role("heading", level=1)).to_contain_text(re.compile("Steering", re.I))
    founder.get_by_label(re.compile(r"^Member:?$")).select_option(label=VISITOR_ORG)
    founder.get_by_label("Role on the committee").select_option("member")
    journey.submit(main(founder).get_by_role("button", name="Save the seat"))
    seats = main(founder).locator("table")
    expect(seats).to_contain_text(FOUNDER_ORG)
    expect(seats).to_contain_text(VISITOR_ORG)
    journey.shot(founder, "steering-committee")

    journey.step("coordinator", "Check the next steps again")
    journey.click(
        founder.get_by_role("navigation", name="Coalition").get_by_role("link", name=COALITION)
    )
    journey.click(main(founder).get_by_role("link", name=re.compile("^Next steps")))
    expect(main(founder)).to_contain_text("2 of 9 policies agreed.")
    expect(main(founder)).to_contain_text(f"{len(MEMBERS) + 2} active members so far.")
    expect(main(founder)).to_contain_text("2 members on the steering committee.")
    journey.shot(founder, "next-steps-after")

    # 12. The first vote. A fresh coalition has no decision category with a rule (only the
    # charter category, made on the first visit, and it has no rule either), so the
    # coordinator makes one for the steering committee's business and sets its first rule.
    journey.step("coordinator", "Make a decision category and set its first rule")
    journey.click(
        founder.get_by_role("navigation", name="Coalition").get_by_role("link", name="Decisions")
    )
    expect(founder.get_by_role("heading", level=1)).to_have_text("Decisions")
    expect(main(founder)).to_contain_text("Nothing is open for decision right now.")
    journey.click(
        founder.get_by_role("navigation", name="Decisions").get_by_role(
            "link", name="Categories and rules"
        )
    )
    expect(founder.get_by_role("heading", level=1)).to_have_text("Categories and decision rules")
    charter_category = main(founder).locator(
        "section.category", has=founder.get_by_role("heading", name="Charter and decision rules")
    )
    expect(charter_category).to_contain_text(
        "No decision rule yet: proposals in this category cannot be opened."
    )
    founder.get_by_label(re.compile(r"^Name:?$")).fill(CATEGORY)
    founder.get_by_label(re.compile(r"^Description:?$")).fill(
        "Work plans, meetings and the coalition's day-to-day business."
    )
    journey.submit(main(founder).get_by_role("button", name="Create the category"))
    expect(founder.get_by_role("heading", level=1)).to_have_text(
        "Set a category's first decision rule"
    )
    expect_message(founder, "The category is created. Give it a decision rule next.")
    chosen = founder.get_by_label(re.compile(r"^Category:?$")).locator("option:checked")
    expect(chosen).to_have_text(CATEGORY)  # the new category, chosen already
    founder.get_by_label("Decision method").select_option("simple_majority")
    founder.get_by_label("Who decides").select_option("steering")
    expect(founder.get_by_label("Quorum (percent of the electorate)")).to_have_value("50")
    expect(founder.get_by_label("Voting window (hours)")).to_have_value("168")
    journey.shot(founder, "rule-form")
    journey.submit(main(founder).get_by_role("button", name="Set the rule"))
    expect(founder.get_by_role("heading", level=1)).to_have_text("Categories and decision rules")
    expect_message(founder, "The decision rule is set.")
    category = main(founder).locator(
        "section.category", has=founder.get_by_role("heading", name=CATEGORY)
    )
    expect(category).to_contain_text("Simple majority")
    expect(category).to_contain_text("The steering committee")
    expect(category).to_contain_text("168 hours")
    journey.shot(founder, "rules")

    journey.step("coordinator", "Draft a proposal and open it for decision")
    journey.click(
        founder.get_by_role("navigation", name="Decisions").get_by_role("link", name="Decisions")
    )
    journey.click(main(founder).get_by_role("link", name="New proposal"))
    expect(founder.get_by_role("heading", level=1)).to_have_text("New proposal")
    founder.get_by_label(re.compile(r"^Category:?$")).select_option(label=CATEGORY)
    founder.get_by_label(re.compile(r"^Title:?$")).fill(PROPOSAL)
    founder.get_by_label(re.compile(r"^Text:?$")).fill(
        "The steering committee adopts the work plan for our first year:\n\n"
        "- a public hearing on police oversight in Kisumu;\n"
        "- a joint submission on the defence budget."
    )
    journey.submit(main(founder).get_by_role("button", name="Save as a draft"))
    expect(founder.get_by_role("heading", level=1)).to_have_text(PROPOSAL)
    expect_message(founder, "The proposal is saved as a draft.")
    expect(main(founder)).to_contain_text("The category's current rule")
    journey.submit(main(founder).get_by_role("button", name="Open for decision"))
    expect_message(founder, "The proposal is open for decision. The electorate has been notified.")
    expect(main(founder)).to_contain_text("The rule this decision is taken under")
    expect(main(founder)).to_contain_text("0 of 2 in the electorate have taken part.")
    expect(main(founder)).to_contain_text("You have not taken part yet.")
    journey.shot(founder, "proposal-open")

    journey.step("coordinator", "Vote")
    founder.get_by_label("Yes", exact=True).check()
    journey.submit(main(founder).get_by_role("button", name="Record my position"))
    expect_message(founder, "Your position is recorded.")
    expect(main(founder)).to_contain_text("Your current position: Yes.")
    expect(main(founder)).to_contain_text("1 of 2 in the electorate have taken part.")

    # The new steering member (still signed in on their phone) finds it under Decisions,
    # with a notification waiting. The e-mail the electorate is sent goes through the
    # task queue and names the decision without a link to it, so it is not followed here.
    journey.step("visitor", "Vote")
    journey.click(visitor.locator("nav.coalition summary"))  # on a phone the menu is folded
    journey.click(
        visitor.get_by_role("navigation", name="Coalition").get_by_role("link", name="Decisions")
    )
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Decisions")
    expect(main(visitor)).to_contain_text("1 unread notification")
    journey.click(main(visitor).get_by_role("link", name=PROPOSAL))
    expect(visitor.get_by_role("heading", level=1)).to_have_text(PROPOSAL)
    expect(main(visitor)).to_contain_text("You have not taken part yet.")
    visitor.get_by_label("Yes", exact=True).check()
    journey.shot(visitor, "vote")
    journey.submit(main(visitor).get_by_role("button", name="Record my position"))
    expect_message(visitor, "Your position is recorded.")
    expect(main(visitor)).to_contain_text("2 of 2 in the electorate have taken part.")

    # Everyone in the electorate has voted, so the steering committee may close it before
    # the window ends: the button the product gives them, no waiting.
    journey.step("coordinator", "Close the decision and read the outcome")
    founder.reload()
    expect(main(founder)).to_contain_text("2 of 2 in the electorate have taken part.")
    # "Close" is offered now that it can succeed, without the "only once…" hint.
    expect(main(founder)).not_to_contain_text("only once everyone in the electorate has voted")
    journey.submit(main(founder).get_by_role("button", name="Close the decision"))
    expect_message(founder, "The decision is closed and its outcome recorded.")
    outcome = main(founder).locator("section.outcome")
    expect(outcome.get_by_role("heading", level=2)).to_have_text("Outcome: Adopted")
    expect(outcome).to_contain_text("The proposal was adopted.")
    expect(outcome.locator(".explanation")).to_have_text(
        "2 yes against 0 no; more yes than no is needed."
    )
    expect(outcome).to_contain_text("reached")
    assert table_counts(founder, "counts-title") == {"Yes": 2, "No": 0, "Abstain": 0}
    journey.shot(founder, "outcome")

    journey.step("visitor", "Read the outcome")
    journey.click(main(visitor).get_by_role("link", name="All decisions"))
    closed = main(visitor).locator("table", has=visitor.get_by_role("link", name=PROPOSAL))
    expect(closed).to_contain_text("Adopted")
    journey.click(main(visitor).get_by_role("link", name=PROPOSAL))
    expect(main(visitor).locator("section.outcome").get_by_role("heading", level=2)).to_have_text(
        "Outcome: Adopted"
    )
    expect(main(visitor)).to_contain_text("2 yes against 0 no; more yes than no is needed.")
    journey.shot(visitor, "outcome")

    report = {
        "steps": journey.steps,
        "coordinator": journey.totals("coordinator"),
        "visitor": journey.totals("visitor"),
        "all": journey.totals(),
    }
    (shots / "journey.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(f"\nscreenshots: {shots}")
    print(json.dumps(report, indent=2, ensure_ascii=False))
