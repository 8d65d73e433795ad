"""Markers in an organisation that opted out for safety and in a pseudonymous one (its
real name and the person who speaks for it): nobody who may not see them meets them on
any spokespeople page or API read, and those entitled do (so the crawl can fail)."""

import pytest
from django.urls import reverse

from coalesce.accounts.models import ApiToken
from coalesce.coalitions.models import Visibility
from coalesce.spokespeople import services
from tests.support import factories as f
from tests.support.authz import ALL
from tests.support.operations import ALL_OPERATIONS, call
from tests.support.pages import PAGES, url_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]

MARKERS = {
    "opted_out_org": "MARKER-SPK-OPTEDOUT-ORG-5a1b",
    "opted_out_person": "MARKER-SPK-OPTEDOUT-PERSON-0d2e",
    "pseudo_org": "MARKER-SPK-PSEUDO-ORG-7c3f",
    "pseudo_person": "MARKER-SPK-PSEUDO-PERSON-9e41",
}
# Who may see each: the opted-out organisation is a members-visible one, so members see
# it in the directory — but not here. Its mandates, and that it opted out, are for the
# steering committee and custodians; a pseudonymous identity is for custodians only.
ENTITLED = {
    "custodian": set(MARKERS),
    "steering": {"opted_out_org", "opted_out_person"},
}


@pytest.fixture
def planted(world, targets, actor, grant, ask, today):
    opted = f.make_member(
        world.coalition, name=MARKERS["opted_out_org"], person_name=MARKERS["opted_out_person"]
    )
    pseudo = f.make_member(
        world.coalition,
        name=MARKERS["pseudo_org"],
        person_name=MARKERS["pseudo_person"],
        visibility=Visibility.PSEUDONYMOUS,
        alias="Quiet Speakers",
    )
    # the opted-out one spoke once before opting out; the pseudonymous one speaks now
    first = grant(opted.id, topic="oversight", person_id=opted.organisation.people.get().id)
    done = ask(topic="oversight")
    services.answer_assignment(actor("steering"), done.assignments.get().id, accept=True)
    services.set_opt_out(actor("steering"), opted.id, opted_out=True)
    grant(pseudo.id, topic="oversight", person_id=pseudo.organisation.people.get().id)
    later = ask(topic="oversight", title="After the opt-out")
    voice = later.assignments.get()
    assert voice.membership_id == pseudo.id  # the opted-out one, with fewer turns, is not asked
    services.answer_assignment(actor("steering"), voice.id, accept=True)
    pending = ask(topic="oversight", title="Waiting")
    return {"requests": [done.id, later.id, pending.id], "mandate": first.id}


def page_urls(world, targets, planted):
    slug = world.coalition.slug
    urls = [
        url_for(name, page, targets)
        for name, page in PAGES.items()
        if name.startswith("spokespeople:") and page.get
    ]
    urls += [reverse("spokespeople:request", args=[slug, r]) for r in planted["requests"]]
    urls += [reverse("spokespeople:roster", args=[slug]) + "?topic=oversight&language=en"]
    return urls


def api_reads(targets, planted):
    reads = [op for op, (method, path) in ALL_OPERATIONS.items() if "/spokespeople" in path]
    reads = [op for op in reads if ALL_OPERATIONS[op][0] == "GET"]
    aimed = [targets] + [{**targets, "voice_request": r} for r in planted["requests"]]
    return [(op, t) for op in reads for t in aimed]


def bodies(world, role, targets, planted):
    client = world.client(role)
    for url in page_urls(world, targets, planted):
        yield url, client.get(url, follow=True).content.decode(errors="replace")
    tokens = {r: ApiToken.issue(u, "leak")[1] for r, u in world.users.items()}
    for op, aimed in api_reads(targets, planted):
        yield op, call(world, tokens, role, op, aimed).content.decode(errors="replace")


@pytest.mark.parametrize("role", sorted(ALL))
def test_nobody_meets_a_marker_they_may_not_see(role, world, targets, planted):
    forbidden = {k: v for k, v in MARKERS.items() if k not in ENTITLED.get(role, set())}
    for where, body in bodies(world, role, targets, planted):
        for key, marker in forbidden.items():
            assert marker.lower() not in body.lower(), f"{role} saw {key} at {where}"
        own_setting = "/safety/" in where or "safety_opt_out" in where  # the member's own
        if role not in ("steering", "custodian") and not own_setting:
            assert "opted out" not in body.lower(), f"{role} learnt of an opt-out at {where}"
            assert "skipped" not in body.lower()


@pytest.mark.parametrize("role", ["steering", "custodian"])
def test_the_entitled_do_meet_them(role, world, targets, planted):
    seen = " ".join(body for _where, body in bodies(world, role, targets, planted))
    for key in ENTITLED[role]:
        assert MARKERS[key] in seen, f"{role} should meet {key}"


def test_members_see_the_pseudonymous_voice_by_its_alias(world, targets, planted):
    url = reverse("spokespeople:requests", args=[world.coalition.slug])
    body = world.client("member").get(url).content.decode()
    assert "Quiet Speakers" in body
