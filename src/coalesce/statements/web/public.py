"""A published statement: its public page (no sign-in) and its PDF. Both show the text,
its SHA-256, exactly the signatories the reader may see named and the count."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.views.decorators.http import require_GET

from coalesce.coalitions.web.pages import coalition_page, page
from coalesce.core.forms import download
from coalesce.statements import selectors


def _context(actor, statement_id) -> dict:
    statement = selectors.published(actor, statement_id)
    return {
        "statement": statement,
        "signatories": selectors.signatories(actor, statement),
        "acknowledgement": selectors.acknowledgement(actor, statement),
    }


@require_GET
@coalition_page(None)
def statement_public(request, actor, statement_id):
    return page(request, actor, "statements/public.html", **_context(actor, statement_id))


def render_pdf(context: dict) -> bytes:
    """The statement as PDF (WeasyPrint, the system's fonts; it fetches nothing: the
    logos are inline)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    class FetchNothing(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:image/png;base64,"):  # a logo, inline
                return super().fetch(url, headers)
            raise ValueError(f"the statement PDF fetches nothing: {url}")

    signatories = selectors.with_inline_logos(context["signatories"])
    html = render_to_string(
        "statements/print.html",
        {**context, "signatories": signatories, "language": translation.get_language()},
    )
    return HTML(string=html, url_fetcher=FetchNothing(fail_on_errors=False)).write_pdf()


@require_GET
@coalition_page(None)
def statement_pdf(request, actor, statement_id):
    context = {"coalition": actor.coalition, **_context(actor, statement_id)}
    response = download(
        f"statement-{context['statement'].id}.pdf", "application/pdf", render_pdf(context)
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
@coalition_page(None)
def statement_logo(request, actor, statement_id, signature_id):
    """A signatory's logo, for a reader who sees it named with it on this statement."""
    statement = selectors.signed_statement(actor, statement_id)
    logo = selectors.signatory_logo(actor, statement, signature_id)
    response = HttpResponse(bytes(logo.png), content_type="image/png")
    response["Cache-Control"] = "private, max-age=86400"
    response["X-Content-Type-Options"] = "nosniff"
    return response
