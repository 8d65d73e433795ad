"""Signing "named, with our logo": the logo is checked and redrawn (nothing of the file
survives but its pixels), shown only where the name is, in the page, the API and the
PDF; bad images are refused on their field and change nothing."""

import base64
import io

import pytest
from PIL import Image

from coalesce.core.errors import DomainError
from coalesce.statements import logos, selectors, services
from coalesce.statements.limits import LOGO_BOX, MAX_LOGO_BYTES
from coalesce.statements.models import SignatoryLogo, Signature
from tests.support.api import api_as, assert_error
from tests.support.statements import (
    actor,
    approval_category,
    approved_statement,
    logo_png,
    sign_as,
)

pytestmark = pytest.mark.django_db


def test_a_logo_is_redrawn_as_a_png_without_its_metadata_and_fits_the_box():
    exif = Image.Exif()
    exif[0x010E] = "MARKER-EXIF-PLACE"  # ImageDescription
    jpeg = logo_png(1200, 300, image_format="JPEG", exif=exif.tobytes())
    assert b"MARKER-EXIF-PLACE" in jpeg
    png, width, height = logos.clean_logo(jpeg)
    assert png.startswith(b"\x89PNG") and b"MARKER-EXIF-PLACE" not in png
    assert (width, height) == (LOGO_BOX[0], LOGO_BOX[0] * 300 // 1200)
    assert Image.open(io.BytesIO(png)).size == (width, height)


@pytest.mark.parametrize(
    "data,words",
    [
        (b"", "Choose an image"),
        (b"GIF89a not really", "PNG or JPEG"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "PNG or JPEG"),
        (logo_png()[:40], "PNG or JPEG"),  # cut short
        (b"\x89PNG" + b"0" * MAX_LOGO_BYTES, "too large"),
    ],
)
def test_what_is_not_a_small_png_or_jpeg_is_refused(data, words):
    with pytest.raises(DomainError) as raised:
        logos.clean_logo(data)
    assert raised.value.field == "logo" and words in str(raised.value)


def test_signing_with_a_logo_needs_one_and_a_bad_one_changes_nothing(world):
    statement = approved_statement(world, approval_category(world))
    for bad in (None, b"not an image"):
        with pytest.raises(DomainError) as raised:
            sign_as(world, "member", statement, mode="logo", logo=bad or b"")
        assert raised.value.field == "logo"
    assert not Signature.objects.exists() and not SignatoryLogo.objects.exists()
    sign_as(world, "member", statement, mode="logo")
    sign_as(world, "member", statement, mode="logo", logo=None)  # kept for the next time


def _published_with_logos(world):
    statement = approved_statement(world, approval_category(world))
    sign_as(world, "steering", statement, mode="logo")  # public
    sign_as(world, "member", statement, mode="logo")  # members only
    services.publish_statement(actor(world, "steering"), statement.id)
    return statement


def test_a_logo_is_shown_only_where_its_name_is(world):
    statement = _published_with_logos(world)
    member_sig = Signature.objects.get(membership=world.memberships["member"])
    steering_sig = Signature.objects.get(membership=world.memberships["steering"])
    logo_url = f"/c/{world.coalition.slug}/statements/{statement.id}/logos/%d.png"
    public = world.client("anonymous").get(
        f"/c/{world.coalition.slug}/statements/{statement.id}/public/"
    )
    body = public.content.decode()
    assert logo_url % steering_sig.id in body and logo_url % member_sig.id not in body
    image = world.client("anonymous").get(logo_url % steering_sig.id)
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert image.content.startswith(b"\x89PNG")
    assert world.client("anonymous").get(logo_url % member_sig.id).status_code == 404
    assert world.client("member").get(logo_url % member_sig.id).status_code == 200
    # a signature that waits for re-consent shows no logo
    Signature.objects.filter(pk=member_sig.pk).update(text_hash="0" * 64)
    assert world.client("member").get(logo_url % member_sig.id).status_code == 404


def test_the_api_signs_with_a_logo_and_lists_where_it_is_shown(world):
    statement = approved_statement(world, approval_category(world))
    base = f"/coalitions/{world.coalition.slug}/statements/{statement.id}"
    member = api_as(world, "member")
    body = {
        "membership_id": world.memberships["member"].id,
        "mode": "logo",
        "text_hash": statement.locked_hash,
    }
    assert_error(member.post(f"{base}/signatures", body), 400, field="logo")
    assert_error(member.post(f"{base}/signatures", {**body, "logo_base64": "***"}), 400)
    assert not Signature.objects.exists()
    signed = member.post(
        f"{base}/signatures", {**body, "logo_base64": base64.b64encode(logo_png()).decode()}
    )
    assert signed.status_code == 200, signed.content
    (shown,) = signed.json()["signatories"]["logos"]
    assert shown["name"] == "Open Hands Network" and shown["logo_url"].endswith(".png")


def test_the_pdf_carries_the_logo_inline(world):
    statement = _published_with_logos(world)
    found = selectors.with_inline_logos(selectors.signatories(actor(world, "anonymous"), statement))
    (steering,) = found.names
    assert steering.src.startswith("data:image/png;base64,")
    pdf = world.client("anonymous").get(
        f"/c/{world.coalition.slug}/statements/{statement.id}/statement.pdf"
    )
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert b"/Subtype /Image" in pdf.content or b"/Subtype/Image" in pdf.content


def test_a_published_statement_is_an_output_whose_line_stands_under_it(world):
    from coalesce.credit import services as credit

    statement = _published_with_logos(world)
    statement.refresh_from_db()
    output = statement.output
    assert (output.kind, output.is_public, output.title) == ("statement", True, statement.title)
    credit.record_contribution(
        actor(world, "steering"),
        output.id,
        membership_id=world.memberships["steering"].id,
        role="drafting",
        degree="lead",
    )
    credit.record_contribution(
        actor(world, "steering"),
        output.id,
        membership_id=world.memberships["pseudonymous"].id,
        role="research",
        degree="equal",
    )
    slug = world.coalition.slug
    page = world.client("anonymous").get(f"/c/{slug}/statements/{statement.id}/public/")
    anonymous = actor(world, "anonymous")
    line = selectors.acknowledgement(anonymous, selectors.published(anonymous, statement.id))
    assert "Justice Watch" in line and line in page.content.decode()
    for marker in world.markers.values():
        assert marker not in line
    answer = api_as(world, "anonymous").get(f"/coalitions/{slug}/statements/{statement.id}/public")
    assert answer.json()["acknowledgement"] == line
