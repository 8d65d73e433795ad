"""The statements pages, under /c/<slug>/statements/."""

from django.urls import path

from coalesce.statements.web import drafts, public, signing

app_name = "statements"

urlpatterns = [
    path("", drafts.statement_list, name="list"),
    path("new/", drafts.statement_create, name="new"),
    path("<int:statement_id>/", drafts.statement_view, name="statement"),
    path("<int:statement_id>/edit/", drafts.statement_edit, name="edit"),
    path("<int:statement_id>/comment/", drafts.statement_comment, name="comment"),
    path("<int:statement_id>/lock/", drafts.statement_lock, name="lock"),
    path("<int:statement_id>/sign/", signing.statement_sign, name="sign"),
    path("<int:statement_id>/reopen/", signing.statement_reopen, name="reopen"),
    path("<int:statement_id>/publish/", signing.statement_publish, name="publish"),
    path("<int:statement_id>/public/", public.statement_public, name="public"),
    path("<int:statement_id>/statement.pdf", public.statement_pdf, name="pdf"),
    path("<int:statement_id>/logos/<int:signature_id>.png", public.statement_logo, name="logo"),
]
