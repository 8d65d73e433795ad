"""The expertise pages: a member lists offers and needs, searches the directory, asks
for help, answers and closes requests; bad input re-renders with the error and saves
nothing."""

import pytest
from django.urls import reverse

from coalesce.expertise import services
from coalesce.expertise.models import Entry, HelpRequest, RequestStatus, Response

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]


def url(world, name, **kwargs):
    return reverse(f"expertise:{name}", kwargs={"slug": world.coalition.slug, **kwargs})


def test_a_member_adds_and_removes_an_offer_on_the_index(world):
    client = world.client("member")
    page = client.get(url(world, "index"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Add an offer or a need" in body and 'href="/c/safer-streets/expertise/"' in body
    added = client.post(
        url(world, "entry_add"),
        {"side": "offer", "kind": "skill", "topic": "gender_training", "text": "Police trainers"},
        follow=True,
    )
    assert added.redirect_chain[-1][0] == url(world, "index")
    assert "Police trainers" in added.content.decode()
    entry = Entry.objects.get()
    removed = client.post(url(world, "entry_remove", entry_id=entry.id), follow=True)
    assert removed.status_code == 200 and not Entry.objects.exists()


@pytest.mark.parametrize(
    "data,message",
    [
        ({"topic": "astrology"}, "Select a valid choice"),
        ({"text": ""}, "This field is required"),
        ({"language": "klingon"}, "Unknown language code"),
    ],
)
def test_bad_input_shows_on_the_page_and_saves_nothing(world, data, message):
    base = {"side": "offer", "kind": "skill", "topic": "research", "text": "Surveys"}
    response = world.client("member").post(url(world, "entry_add"), {**base, **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Entry.objects.exists()


def test_the_index_counts_requests_for_my_kind_of_help(world, actor):
    services.add_entry(actor("member"), side="offer", kind="service", topic="media", text="Radio")
    services.post_request(actor("chair"), topic="media", text="Airtime for our campaign")
    body = world.client("member").get(url(world, "index")).content.decode()
    assert "1 open request</a> asks for a kind of help you offer" in body
    requests = world.client("member").get(url(world, "requests")).content.decode()
    section = requests.split('id="for-me"')[1].split("</section>")[0]
    assert "Airtime for our campaign" in section and "Women Police Association" in section


def test_non_members_see_the_pages_without_forms(world):
    body = world.client("admin").get(url(world, "index")).content.decode()
    assert "Only active members list" in body and "Add an offer" not in body


def test_the_directory_searches_and_shows_the_alias(world, actor):
    services.add_entry(
        actor("steering"),
        side="offer",
        kind="experience",
        topic="legal_aid",
        text="Survivor-centred legal aid",
        membership_id=world.memberships["pseudonymous"].id,
    )
    services.add_entry(actor("member"), side="offer", kind="skill", topic="media", text="Radio")
    client = world.client("member")
    found = client.get(url(world, "directory"), {"q": "SURVIVOR", "topic": "legal_aid"})
    body = found.content.decode()
    assert "Survivor-centred legal aid" in body and "Friends of the Riverside" in body
    assert "Radio" not in body and world.markers["pseudonymous_name"] not in body
    assert "Showing 1–1 of 1." in body
    bad = client.get(url(world, "directory"), {"topic": "astrology"})
    assert bad.status_code == 200 and "Select a valid choice" in bad.content.decode()


def test_ask_answer_and_close_a_request(world):
    chair, member = world.client("chair"), world.client("member")
    form = chair.get(url(world, "request_new"))
    assert form.status_code == 200
    bad = chair.post(url(world, "request_new"), {"topic": "legal_aid", "text": ""})
    assert bad.status_code == 400 and not HelpRequest.objects.exists()
    posted = chair.post(
        url(world, "request_new"), {"topic": "legal_aid", "text": "A lawyer", "language": "en"}
    )
    asked = HelpRequest.objects.get()
    assert posted["Location"] == url(world, "request", request_id=asked.id)
    page = member.get(posted["Location"]).content.decode()
    assert "Offer your help" in page and "English" in page
    answered = member.post(url(world, "respond", request_id=asked.id), {"message": "We can"})
    assert answered.status_code == 302 and Response.objects.count() == 1
    again = member.post(url(world, "respond", request_id=asked.id), {"message": "Again"})
    assert again.status_code == 409 and Response.objects.count() == 1
    assert "answered this request already" in again.content.decode()
    chair_page = chair.get(url(world, "request", request_id=asked.id)).content.decode()
    assert "We can" in chair_page and "Close the request" in chair_page
    assert member.post(url(world, "close", request_id=asked.id)).status_code == 403
    assert chair.post(url(world, "close", request_id=asked.id)).status_code == 302
    asked.refresh_from_db()
    assert asked.status == RequestStatus.CLOSED
    late = world.client("steering").post(
        url(world, "respond", request_id=asked.id), {"message": "x"}
    )
    assert late.status_code == 409 and Response.objects.count() == 1


def test_a_request_of_a_hidden_member_is_not_found(world):
    hidden = HelpRequest.objects.create(
        coalition=world.coalition,
        membership=world.memberships["steering_only"],
        topic="media",
        text="Quiet",
    )
    assert (
        world.client("member").get(url(world, "request", request_id=hidden.id)).status_code == 404
    )
    assert (
        world.client("steering").get(url(world, "request", request_id=hidden.id)).status_code == 200
    )


def test_the_directory_pages_through_offers_only_unless_asked(world):
    from coalesce.expertise.models import Entry

    Entry.objects.bulk_create(
        Entry(
            coalition=world.coalition,
            membership=world.memberships["member"],
            side="offer" if i < 51 else "need",
            kind="skill",
            topic="research",
            text=f"Thing {i}",
        )
        for i in range(53)
    )
    client = world.client("member")
    first = client.get(url(world, "directory")).content.decode()
    assert "Showing 1–50 of 51." in first and "?offset=50" in first
    second = client.get(url(world, "directory"), {"offset": 50}).content.decode()
    assert "Showing 51–51 of 51." in second
    both = client.get(url(world, "directory"), {"side": ""}).content.decode()
    assert "of 53." in both
