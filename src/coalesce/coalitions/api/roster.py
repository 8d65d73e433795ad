"""Importing and exporting members: the same service (``roster``) as the pages and the
command line."""

from typing import Literal

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Schema, Status
from ninja.files import UploadedFile

from coalesce.coalitions import member_file, roster, services
from coalesce.coalitions.access import api_actor
from coalesce.coalitions.api._ops import ops
from coalesce.core.api import ERRORS, ErrorOut, Slug
from coalesce.core.errors import DomainError


class ImportProblemOut(Schema):
    column: str
    message: str


class ImportRowOut(Schema):
    row: int = Field(description="The spreadsheet's row number (the header is row 1).")
    name: str
    kind: str
    result: str = Field(description="new, existing (already registered) or error.")
    joins_registered: bool = Field(
        description="An organisation registered without a membership becomes the member."
    )
    problems: list[ImportProblemOut]

    @staticmethod
    def resolve_row(row) -> int:
        return row.number

    @staticmethod
    def resolve_result(row) -> str:
        return row.status


class ImportOut(Schema):
    dry_run: bool
    new: int
    existing: int
    errors: int
    imported: int = Field(description="Memberships created (0 on a dry run).")
    new_focus_areas: list[str]
    rows: list[ImportRowOut]


class ImportErrorOut(ErrorOut):
    row: int | None = Field(None, description="The first row with a problem.")
    rows: list[ImportRowOut] = Field(default_factory=list)


class MemberRecordOut(Schema):
    name: str
    kind: str
    actor_type: str
    country: str
    focus_areas: list[str]
    website: str
    visibility: str
    alias: str
    contact_email: str
    contact_phone: str
    contact_address: str


class MemberExportQuery(Schema):
    format: Literal["json", "csv"] = "json"
    contacts: bool = Field(
        False,
        description=(
            "Fill the contact columns of the members whose contacts the caller may see "
            "(custodians; a member its own); each read is recorded in the audit log."
        ),
    )


def _import_out(preview, *, dry_run: bool) -> dict:
    return {
        "dry_run": dry_run,
        "new": preview.new,
        "existing": preview.existing,
        "errors": preview.errors,
        "imported": preview.imported,
        "new_focus_areas": list(preview.new_focus_areas),
        "rows": preview.rows,
    }


@ops.post(
    "/{slug}/members/import",
    {200: ImportOut, 400: ImportErrorOut},
    errors=ERRORS - {400},
    tags=["memberships"],
    description="Policy action `members.import`. A CSV or XLSX file (multipart field `file`, at "
    f"most {member_file.MAX_IMPORT_BYTES // (1024 * 1024)} MB and "
    f"{member_file.MAX_IMPORT_ROWS} rows) with the columns "
    f"{', '.join(member_file.COLUMNS)}. With `dry_run` (the default) nothing is "
    "written: the answer says what each row would do. Without it, every new row "
    "becomes an active member in one transaction, or nothing is written: 400 naming "
    "the first row and column with a problem (and every row's result); 413 for a "
    "file over the limit.",
)
def import_members(request, slug: Slug, file: File[UploadedFile] = None, dry_run: bool = True):
    # The file is checked after the policy, so a refusal does not depend on the upload.
    actor = api_actor(request, slug, "members.import")
    if file is None:
        raise DomainError(_("Attach the member file (multipart field “file”)."), "file")
    if file.size is not None and file.size > member_file.MAX_IMPORT_BYTES:
        raise member_file.too_big()
    data = file.read(member_file.MAX_IMPORT_BYTES + 1)
    name = file.name or ""
    if dry_run:
        preview = roster.preview_import(actor, data=data, filename=name)
        return _import_out(preview, dry_run=True)
    try:
        done = roster.import_members(actor, data=data, filename=name)
    except roster.ImportRefused as error:
        return Status(
            400,
            {
                "detail": error.message,
                "field": error.field,
                "row": error.row,
                "rows": error.preview.rows,
            },
        )
    return _import_out(done, dry_run=False)


@ops.get(
    "/{slug}/members/export",
    list[MemberRecordOut],
    tags=["memberships"],
    description="Policy action `members.export`. The members the caller may list, in the import's "
    "columns: hidden identities as their alias, without actor type, country, focus "
    "areas or website. `format=csv` answers `text/csv` (the file the import reads).",
    openapi_extra={
        "responses": {
            200: {
                "description": "OK",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        }
    },
)
def export_members(request, slug: Slug, query: Query[MemberExportQuery]):
    actor = api_actor(request, slug, "members.export")
    services.record_member_export(actor)
    records = roster.export_records(actor, contacts=query.contacts)
    if query.format == "csv":
        response = HttpResponse(member_file.write_csv(records), content_type="text/csv")
        response["Content-Disposition"] = f'attachment; filename="{slug}-members.csv"'
        return response
    return [{**r.as_dict(), "focus_areas": list(r.focus_areas)} for r in records]
