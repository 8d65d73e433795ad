"""A published statement: its public page (no sign-in) and its PDF. Both show the text,
its SHA-256, exactly the signatories the reader may see named and the count."""

from django.template.loader import render_to_string
from django.utils import translation
from django.views.decorators.http import require_GET

from coalesce.coalitions.web.pages import coalition_page, page
from coalesce.core.forms import download
from coalesce.statements import selectors


def _context(actor, statement_id) -> dict:
    statement = selectors.published(actor, statement_id)
    return {"statement": statement, "signatories": selectors.signatories(actor, statement)}


@require_GET
@coalition_page(None)
def statement_public(request, actor, statement_id):
    return page(request, actor, "statements/public.html", **_context(actor, statement_id))


def render_pdf(context: dict) -> bytes:
    """The statement as PDF (WeasyPrint, the system's fonts; it fetches nothing)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    class FetchNothing(URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"the statement PDF fetches nothing: {url}")

    html = render_to_string(
        "statements/print.html", {**context, "language": translation.get_language()}
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
