"""The diversity page, its SVG chart, and bounded queries on large coalitions."""

import re
from types import SimpleNamespace

from django.urls import reverse

from coalesce.coalitions.models import Membership, MembershipStatus, Organisation, Visibility
from coalesce.core import charts
from tests.support import factories as f

SLUG = "safer-streets"


def url(name, *args):
    return reverse(f"coalitions:{name}", args=[SLUG, *args])


def html(response) -> str:
    return response.content.decode()


def table_counts(page: str) -> dict:
    return dict(re.findall(r"<tr><td>([^<]+)</td><td>(\d+)</td></tr>", page))


def test_member_sees_counts_of_identities_it_may_see(world):
    response = world.client("member").get(url("diversity"))
    assert response.status_code == 200
    page = html(response)
    counts = table_counts(page)
    # member, chair and steering: the pseudonymous and steering-only ones are not counted.
    assert counts["Civil-society organisation"] == "2"
    assert counts["Professional association"] == "1"
    assert counts["Kenya"] == "3"
    assert world.markers["steering_only_name"] not in page
    assert world.markers["pseudonymous_name"] not in page


def test_custodian_counts_every_active_organisation(world):
    counts = table_counts(html(world.client("custodian").get(url("diversity"))))
    assert counts["Civil-society organisation"] == "4"


def test_chart_is_accessible_inline_svg_without_styles(world):
    page = html(world.client("member").get(url("diversity")))
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert 'role="img"' in svg
    assert '<title id="actor-types-chart-title">Member organisations by actor type</title>' in svg
    assert 'aria-labelledby="actor-types-chart-title actor-types-chart-desc"' in svg
    assert svg.count("<rect") == 4  # a track and a bar for each of the two types
    assert "style" not in page.lower().replace("stylesheet", "")
    assert "<script" not in page and "http://" not in svg.replace("http://www.w3.org", "")


def test_missing_actor_types_and_focus_areas_are_listed(world):
    policing = f.focus(world.coalition, "Community policing")
    f.focus(world.coalition, "Prison reform")
    world.memberships["member"].organisation.focus_areas.add(policing)
    page = html(world.client("member").get(url("diversity")))
    missing = page[page.index("Actor types not yet in the coalition") :]
    assert "Media" in missing and "Ministry" in missing
    assert table_counts(page)["Community policing"] == "1"
    assert "Focus areas no member works on" in page
    assert "Prison reform" in page[page.index("Focus areas no member works on") :]


def test_chart_escapes_labels_and_skips_empty_shares():
    shares = [
        SimpleNamespace(label="<script>alert(1)</script>", count=3),
        SimpleNamespace(label="Empty", count=0),
    ]
    svg = charts.horizontal_bars(shares, title="T & U", chart_id="c")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "T &amp; U" in svg
    assert "Empty" not in svg
    assert charts.horizontal_bars([], title="T", chart_id="c") == ""


def make_many_members(coalition, n=1500):
    types = ["cso", "media", "academia", "research", "faith_based"]
    organisations = Organisation.objects.bulk_create(
        Organisation(
            coalition=coalition,
            name=f"Bulk Organisation {i:04d}",
            actor_type=types[i % len(types)],
            country=["KE", "UG", "TZ"][i % 3],
        )
        for i in range(n)
    )
    Membership.objects.bulk_create(
        Membership(
            coalition=coalition,
            organisation=organisation,
            status=MembershipStatus.ACTIVE,
            visibility=Visibility.MEMBERS,
        )
        for organisation in organisations
    )


def test_large_coalition_pages_run_a_bounded_number_of_queries(
    world, django_assert_max_num_queries
):
    make_many_members(world.coalition)
    client = world.client("member")
    with django_assert_max_num_queries(12):
        response = client.get(url("members"))
    assert response.status_code == 200
    assert "of 1504 members" in html(response)
    with django_assert_max_num_queries(12):
        response = client.get(url("members"), {"q": "Bulk", "offset": 1450})
    assert html(response).count("Bulk Organisation") == 50
    with django_assert_max_num_queries(12):
        response = client.get(url("diversity"))
    assert table_counts(html(response))["Media"] == "300"
    steering = world.client("steering")
    # the export also appends to the audit log (a locked chain head, an insert, an update)
    with django_assert_max_num_queries(16):
        response = steering.get(url("members_export"))
    assert response.content.decode().count("Bulk Organisation") == 1500
