"""An update's e-mails: one per recipient, plain text and plain HTML, no image; where it
asks for acknowledgement, a single-use link whose GET writes nothing."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from coalesce.updates import services
from coalesce.updates.models import Receipt
from tests.project.test_email_templates import remote_fetches

pytestmark = pytest.mark.django_db

BODY = (
    "Please **read** this.\n\n![pixel](https://tracker.example.org/p.gif)\n\n"
    '<img src="https://tracker.example.org/q.gif">'
)


@pytest.fixture
def posted(world, act, run_queued_tasks):
    update = services.post_update(
        act("steering"),
        title="Protocol",
        body=BODY,
        asks_acknowledgement=True,
        site_url="https://coalesce.example/",
    )
    run_queued_tasks()
    return update


def _link(message) -> str:
    (found,) = re.findall(
        r"https://coalesce\.example(/c/\S+/updates/acknowledge/\S+/)", message.body
    )
    return found


def test_each_recipient_gets_one_plain_message_without_images(world, posted):
    assert sorted(m.to[0] for m in mail.outbox) == ["chair@example.org", "member@example.org"]
    for message in mail.outbox:
        ((html, kind),) = message.alternatives
        assert kind == "text/html"
        assert "<strong>read</strong>" in html
        assert not remote_fetches(html) and "tracker.example.org" not in html
        assert "Protocol" in message.subject and "Justice Watch" in message.body
    assert Receipt.objects.filter(update=posted, delivered_at__isnull=False).count() == 2
    links = {_link(m) for m in mail.outbox}
    assert len(links) == 2  # each recipient's own


def test_the_link_acknowledges_once_and_its_get_writes_nothing(world, posted, client):
    message = next(m for m in mail.outbox if m.to == ["member@example.org"])
    link = _link(message)
    receipt = Receipt.objects.get(update=posted, person__user=world.users["member"])
    page = client.get(link)
    assert page.status_code == 200 and "Protocol" in page.content.decode()
    receipt.refresh_from_db()
    assert receipt.acknowledged_at is None
    done = client.post(link)
    assert done.status_code == 200
    receipt.refresh_from_db()
    acknowledged = receipt.acknowledged_at
    assert acknowledged is not None and receipt.opened_at is None  # not opened in the app
    again = client.post(link)
    assert again.status_code == 409 and "already been used" in again.content.decode()
    assert client.get(link).status_code == 409
    receipt.refresh_from_db()
    assert receipt.acknowledged_at == acknowledged


def test_a_forged_link_is_refused_clearly(world, posted, client):
    link = _link(mail.outbox[0])
    forged = link[:-6] + "AAAAA/"
    for answer in (client.get(forged), client.post(forged)):
        assert answer.status_code == 404
        assert "not valid" in answer.content.decode()
    assert not Receipt.objects.filter(acknowledged_at__isnull=False).exists()
    other = reverse("updates:link", args=[world.other_coalition.slug, link.split("/")[-2]])
    assert client.post(other).status_code == 404  # a real token, at another coalition


def test_the_link_in_the_api_is_single_use_too(world, posted):
    from tests.support.api import Api

    token = _link(mail.outbox[0]).split("/")[-2]
    url = f"/coalitions/{world.coalition.slug}/updates/acknowledgements"
    first = Api().post(url, {"token": token})
    assert first.status_code == 200 and first.json()["acknowledged_at"]
    again = Api().post(url, {"token": token})
    assert again.status_code == 409 and "already" in again.json()["detail"]
    forged = Api().post(url, {"token": "x" + token})
    assert forged.status_code == 404 and "not valid" in forged.json()["detail"]
    assert Receipt.objects.filter(acknowledged_at__isnull=False).count() == 1


def test_each_recipient_reads_the_email_in_their_own_language(world, act, run_queued_tasks):
    from coalesce.accounts import services as accounts

    accounts.update_account(world.users["member"], language="fr")
    accounts.update_account(world.users["chair"], language="ar")
    services.post_update(act("steering"), title="Protocol", body="Read it.")
    run_queued_tasks()
    body = {m.to[0]: m.body for m in mail.outbox}
    assert "À toute la coalition" in body["member@example.org"]
    assert "To the whole coalition" not in body["member@example.org"]
    assert "To the whole coalition" not in body["chair@example.org"]
    assert "Read it." in body["chair@example.org"]  # what was written stays as written
