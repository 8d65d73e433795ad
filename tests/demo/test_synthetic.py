"""The synthetic coalition generator: counts, determinism, consistent outcomes, pages."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client

from coalesce.accounts.models import User
from coalesce.audit.log import verify_chain
from coalesce.coalitions.models import (
    ActorType,
    Coalition,
    Committee,
    CommitteeKind,
    Membership,
    Organisation,
    Person,
    Visibility,
)
from coalesce.decisions import services
from coalesce.decisions.models import Ballot, Elector, Proposal, ProposalStatus, SecretBallot
from coalesce.demo import synthetic

FACTOR = 0.01
pytestmark = pytest.mark.django_db


def generate(slug, seed=1):
    out = StringIO()
    call_command("generate_synthetic", factor=FACTOR, seed=seed, slug=slug, stdout=out, json=False)
    return out.getvalue()


def test_counts_follow_the_factor_and_every_actor_type_is_present():
    output = generate("synthetic")
    assert "Done in" in output and "admin@synthetic.coalesce.test" in output
    sizes = synthetic.Sizes.for_factor(FACTOR)
    coalition = Coalition.objects.get(slug="synthetic")
    organisations = Organisation.objects.filter(coalition=coalition)
    assert organisations.count() == sizes.organisations
    assert set(organisations.values_list("actor_type", flat=True)) == set(ActorType.values)
    assert organisations.values("country").distinct().count() == sizes.countries
    assert Person.objects.filter(coalition=coalition).count() == sizes.people
    memberships = Membership.objects.filter(coalition=coalition)
    assert memberships.count() == sizes.organisations + sizes.individuals
    assert memberships.filter(visibility=Visibility.PUBLIC).exists()
    # Contact details are stored encrypted and read back in clear.
    with_contacts = memberships.exclude(contact_email="").first()
    assert with_contacts.contact_email.endswith(".example.org")
    with connection.cursor() as cursor:
        table = Membership._meta.db_table
        cursor.execute(f"SELECT contact_email FROM {table} WHERE id = %s", [with_contacts.pk])
        assert "@" not in cursor.fetchone()[0]
    committees = Committee.objects.filter(coalition=coalition)
    assert committees.count() == sizes.committees
    assert committees.filter(kind=CommitteeKind.STEERING).count() == 1
    proposals = Proposal.objects.filter(coalition=coalition)
    assert proposals.count() == sizes.proposals + sizes.big_proposals
    assert proposals.filter(status=ProposalStatus.OPEN).count() == sizes.open_proposals
    assert proposals.filter(status=ProposalStatus.DRAFT).count() == sizes.drafts
    assert Ballot.objects.filter(proposal__coalition=coalition).exists()
    assert SecretBallot.objects.filter(proposal__coalition=coalition).exists()
    assert verify_chain() == (True, None)


def test_closed_outcomes_are_what_closing_would_compute():
    generate("synthetic")
    closed = Proposal.objects.filter(status=ProposalStatus.CLOSED).select_related("rule")
    assert closed.count() > 10
    for proposal in closed:
        result = services.compute_result(proposal)
        assert proposal.outcome == result.outcome
        assert proposal.result == services.stored_result(result)
    # Every organisation voted on the "all organisations" proposals.
    organisations = Membership.objects.filter(organisation__isnull=False).count()
    big = [p for p in closed if Ballot.objects.filter(proposal=p).count() == organisations]
    assert big
    for proposal in Proposal.objects.exclude(status=ProposalStatus.DRAFT):
        assert Elector.objects.filter(proposal=proposal).exists()


def test_the_same_seed_gives_the_same_coalition_and_another_seed_another():
    generate("first", seed=7)
    generate("second", seed=7)
    generate("third", seed=8)
    assert synthetic.fingerprint("first") == synthetic.fingerprint("second")
    assert synthetic.fingerprint("first") != synthetic.fingerprint("third")


def test_an_existing_coalition_is_not_generated_twice():
    generate("synthetic")
    with pytest.raises(CommandError, match="already exists"):
        generate("synthetic")


def test_the_pages_render_for_the_generated_logins():
    generate("synthetic")
    slug = "synthetic"
    member = Client()
    member.force_login(User.objects.get(email="member@synthetic.coalesce.test"))
    admin = Client()
    admin.force_login(User.objects.get(email="admin@synthetic.coalesce.test"))
    closed = Proposal.objects.filter(status=ProposalStatus.CLOSED).order_by("id").first()
    opened = Proposal.objects.filter(status=ProposalStatus.OPEN).order_by("id").first()
    committee = Committee.objects.exclude(kind=CommitteeKind.STEERING).order_by("id").first()
    for client, url in [
        (member, f"/c/{slug}/"),
        (member, f"/c/{slug}/members/"),
        (member, f"/c/{slug}/decisions/"),
        (member, f"/c/{slug}/decisions/{closed.id}/"),
        (member, f"/c/{slug}/decisions/{opened.id}/"),
        (member, f"/c/{slug}/committees/{committee.id}/"),
        (member, f"/c/{slug}/charter/"),
        (member, f"/c/{slug}/diversity/"),
        (admin, f"/c/{slug}/members.csv"),
        (admin, f"/c/{slug}/audit/"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert closed.result["explanation"].encode() in member.get(
        f"/c/{slug}/decisions/{closed.id}/"
    ).content.replace(b"&#x27;", b"'")
