"""Member files: bytes of a CSV or XLSX spreadsheet → rows → one result per row, and back.

Pure: no database. ``parse`` turns an uploaded file into ``ParsedRow``s, each with its
cleaned ``MemberRecord`` or the problems found (row number, column, message);
``write_csv``/``write_xlsx`` write records with the same columns, so that what the export
writes parses back to the same records. File-level problems (too big, not a spreadsheet,
wrong columns) raise ``MemberFileError``; ``roster`` adds what needs the database (already
registered names, new focus areas) and writes.

Row numbers are the spreadsheet's: the header is row 1, the first member row 2.
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields

import tablib
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries
from openpyxl import load_workbook

from coalesce.coalitions.models import ActorType, Visibility
from coalesce.core.crypto import normalise
from coalesce.core.errors import DomainError

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 5000

COLUMNS = (
    "name",
    "kind",
    "actor_type",
    "country",
    "focus_areas",
    "website",
    "visibility",
    "alias",
    "contact_email",
    "contact_phone",
    "contact_address",
)
REQUIRED_COLUMNS = ("name", "kind")
ORGANISATION, PERSON = "organisation", "person"
KINDS = {
    "organisation": ORGANISATION,
    "organization": ORGANISATION,
    "person": PERSON,
    "individual": PERSON,
}
ORGANISATION_ONLY = ("actor_type", "country", "focus_areas", "website")
FOCUS_SEPARATOR = ";"
MAX_FOCUS_AREAS = 30
LIMITS = {
    "name": 200,
    "alias": 80,
    "focus_area": 80,
    "website": 200,
    "contact_email": 254,
    "contact_phone": 40,
    "contact_address": 500,
}
PERSON_NAME_LIMIT = 160
XLSX_MAGIC = b"PK\x03\x04"
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Spreadsheet programs run a cell starting with one of these as a formula.
FORMULA = re.compile(r"'*[=+\-@\t\r]")


class MemberFileError(DomainError):
    """The file as a whole cannot be read: nothing in it is imported."""

    def __init__(self, message: str, field: str = "file", status: int = 400):
        super().__init__(message, field)
        self.status = status


@dataclass(frozen=True)
class MemberRecord:
    """One member as a file holds it: codes, not labels; empty strings when absent."""

    name: str
    kind: str
    actor_type: str = ""
    country: str = ""
    focus_areas: tuple[str, ...] = ()
    website: str = ""
    visibility: str = Visibility.MEMBERS.value
    alias: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    contact_address: str = ""

    @property
    def key(self) -> tuple[str, str]:
        """Two rows with the same key are the same member (names compared as the blind
        index compares them)."""
        return self.kind, normalise(self.name)

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class RowProblem:
    column: str
    message: str


@dataclass(frozen=True)
class ParsedRow:
    number: int
    name: str  # as written, for showing the row
    kind: str
    record: MemberRecord | None = None
    problems: tuple[RowProblem, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.record is not None


@dataclass(frozen=True)
class ParsedFile:
    columns: tuple[str, ...]
    rows: tuple[ParsedRow, ...]


# --- cells ---------------------------------------------------------------------------


def guard_cell(value) -> str:
    """Keep spreadsheet programs from running a cell as a formula (a leading ``'``);
    ``unguard_cell`` undoes it exactly, so guarded cells read back unchanged."""
    value = str(value)
    return "'" + value if FORMULA.match(value) else value


def unguard_cell(value: str) -> str:
    return value[1:] if value.startswith("'") and FORMULA.match(value[1:]) else value


def cells(record: MemberRecord) -> list[str]:
    """A record as the row the export writes (guarded against formulas)."""
    values = record.as_dict()
    values["focus_areas"] = f"{FOCUS_SEPARATOR} ".join(record.focus_areas)
    return [guard_cell(values[column]) for column in COLUMNS]


def write_csv(records: Iterable[MemberRecord], out=None):
    """Write the header and ``records`` as CSV to ``out`` (a text stream), or return text."""
    target = out if out is not None else io.StringIO()
    writer = csv.writer(target, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for record in records:
        writer.writerow(cells(record))
    return target.getvalue() if out is None else target


def write_xlsx(records: Iterable[MemberRecord]) -> bytes:
    dataset = tablib.Dataset(headers=list(COLUMNS), title="members")
    for record in records:
        dataset.append(cells(record))
    return dataset.export("xlsx")


# --- reading -------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """Text of a CSV file: UTF-8 (with or without a byte-order mark), else Windows-1252 /
    Latin-1 (what spreadsheet programs on Windows write). Binary files are refused."""
    if b"\x00" in data:
        raise MemberFileError(_("This file is not a CSV or XLSX spreadsheet."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    if CONTROL.search(text):
        raise MemberFileError(_("This file is not a CSV or XLSX spreadsheet."))
    return text


def _delimiter(first_line: str) -> str:
    """The separator that splits the header into the most known column names."""

    def known(separator):
        names = {_header_name(c) for c in first_line.split(separator)}
        return len(names & set(COLUMNS))

    return max([",", ";", "\t"], key=known)


def _header_name(cell) -> str:
    return str(cell or "").strip().lower().replace(" ", "_")


def _csv_rows(text: str) -> Iterator[list[str]]:
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    try:
        yield from reader
    except csv.Error as error:
        raise MemberFileError(
            _("Row %(row)d cannot be read as CSV (%(reason)s).")
            % {"row": reader.line_num, "reason": str(error)[:80]}
        ) from error


def _xlsx_rows(data: bytes) -> Iterator[list[str]]:
    """Cells of the first sheet, streamed (a small file can unpack to a huge one)."""
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise MemberFileError(_("This XLSX file cannot be read.")) from error
    try:
        sheet = workbook.worksheets[0]
        for values in sheet.iter_rows(values_only=True):
            yield ["" if v is None else str(v) for v in values]
    except Exception as error:  # noqa: BLE001 — any damage inside the archive
        raise MemberFileError(_("This XLSX file cannot be read.")) from error
    finally:
        workbook.close()


def raw_rows(data: bytes, filename: str = "") -> Iterator[list[str]]:
    """The cells of each line of the file, header first."""
    if len(data) > MAX_IMPORT_BYTES:
        raise too_big()
    if data.startswith(XLSX_MAGIC) or filename.lower().endswith(".xlsx"):
        if not data.startswith(XLSX_MAGIC):
            raise MemberFileError(_("This file is not a CSV or XLSX spreadsheet."))
        return _xlsx_rows(data)
    return _csv_rows(decode(data))


def too_big() -> MemberFileError:
    return MemberFileError(
        _("The file is larger than %(mb)d MB. Split it into smaller files.")
        % {"mb": MAX_IMPORT_BYTES // (1024 * 1024)},
        status=413,
    )


def _columns(header: list[str]) -> tuple[str, ...]:
    names = [_header_name(c) for c in header]
    while names and not names[-1]:
        names.pop()
    unknown = [n or _("(empty)") for n in names if n not in COLUMNS]
    if unknown:
        raise MemberFileError(
            _("Unknown column: %(names)s. The columns are: %(columns)s.")
            % {"names": ", ".join(unknown[:5]), "columns": ", ".join(COLUMNS)},
            "columns",
        )
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise MemberFileError(
            _("A column appears twice: %(names)s.") % {"names": ", ".join(repeated)}, "columns"
        )
    missing = [n for n in REQUIRED_COLUMNS if n not in names]
    if missing:
        raise MemberFileError(
            _("Missing column: %(names)s.") % {"names": ", ".join(missing)}, "columns"
        )
    return tuple(names)


def parse(data: bytes, filename: str = "") -> ParsedFile:
    """Read and check every row; rows repeating an earlier one are problems too."""
    lines = enumerate(raw_rows(data, filename), start=1)
    header = next((line for _n, line in lines if any(c.strip() for c in line)), None)
    if header is None:
        raise MemberFileError(_("The file is empty."))
    columns = _columns(header)
    choices = _choice_lookup()
    seen: dict[tuple[str, str], int] = {}
    rows = []
    for number, line in lines:
        if not any(c.strip() for c in line):
            continue
        if len(rows) >= MAX_IMPORT_ROWS:
            raise MemberFileError(
                _("The file has more than %(max)d members. Split it into smaller files.")
                % {"max": MAX_IMPORT_ROWS}
            )
        row = check_row(number, columns, line, choices)
        if row.record is not None:
            first = seen.setdefault(row.record.key, number)
            if first != number:
                row = ParsedRow(
                    number,
                    row.name,
                    row.kind,
                    problems=(
                        RowProblem(
                            "name",
                            _("This repeats row %(row)d (the same name).") % {"row": first},
                        ),
                    ),
                )
        rows.append(row)
    return ParsedFile(columns, tuple(rows))


# --- checking one row ---------------------------------------------------------------


def _choice_lookup() -> dict:
    """Codes and labels (in English and the current language), lower-cased → code."""
    lookup = {"actor_type": {}, "visibility": {}}
    for column, choices in (("actor_type", ActorType), ("visibility", Visibility)):
        for code, label in choices.choices:
            lookup[column][code.lower()] = code
            lookup[column][str(label).lower()] = code
            with translation.override("en"):
                lookup[column][str(label).lower()] = code
    return lookup


def _country(value: str) -> str:
    if len(value) == 2 and value.upper() in dict(countries):
        return value.upper()
    code = countries.by_name(value, language="en") or countries.by_name(value)
    return code if isinstance(code, str) else ""


def check_row(number: int, columns, line: list[str], choices=None) -> ParsedRow:
    """One line of cells → a ``ParsedRow`` (the record, or every problem found)."""
    choices = choices or _choice_lookup()
    extra = [c for c in line[len(columns) :] if c.strip()]
    values = {c: unguard_cell(v).strip() for c, v in zip(columns, line, strict=False)}
    problems: list[RowProblem] = []

    def problem(column, message):
        problems.append(RowProblem(column, message))

    # Name and kind as given (NUL characters too): problems are judged on those.
    name, kind_text = values.get("name", ""), values.get("kind", "")
    shown_name = name[:200]
    if extra:
        problem("columns", _("This row has more cells than the header has columns."))
    for column, value in values.items():
        if "\x00" in value:
            problem(column, _("This text contains a character that is not allowed."))
            values[column] = value.replace("\x00", "")
    cleaned = _check_name_and_kind(name, kind_text, problem)
    kind = cleaned["kind"]
    if kind == PERSON:
        _check_person(values, problem)
    elif kind == ORGANISATION:
        cleaned |= _check_organisation(values, choices, problem)
    cleaned |= _check_protection(values, choices, problem)
    cleaned |= _check_contacts(values, problem)
    if problems:
        return ParsedRow(number, shown_name, kind or kind_text[:20], problems=tuple(problems))
    return ParsedRow(number, shown_name, kind, record=MemberRecord(**cleaned))


def _check_name_and_kind(name, kind_text, problem) -> dict:
    kind = KINDS.get(kind_text.lower(), "")
    if not kind_text:
        problem("kind", _("Give the kind: organisation or person."))
    elif not kind:
        problem(
            "kind",
            _("Unknown kind “%(value)s”. Use organisation or person.") % {"value": kind_text[:40]},
        )
    limit = PERSON_NAME_LIMIT if kind == PERSON else LIMITS["name"]
    if not name:
        problem("name", _("The name is missing."))
    elif len(name) > limit:
        problem("name", _("Keep the name under %(max)d characters.") % {"max": limit})
    return {"name": name, "kind": kind}


def _check_person(values, problem) -> None:
    for column in ORGANISATION_ONLY:
        if values.get(column):
            problem(column, _("Leave this empty for an individual: only organisations have it."))


def _check_organisation(values, choices, problem) -> dict:
    """An organisation's actor type, country, focus areas and website."""
    cleaned = {}
    actor_type = values.get("actor_type", "")
    country = values.get("country", "")
    if not actor_type:
        problem("actor_type", _("Give the organisation's actor type."))
    elif actor_type.lower() not in choices["actor_type"]:
        problem(
            "actor_type",
            _("Unknown actor type “%(value)s”. Use one of: %(options)s.")
            % {"value": actor_type[:40], "options": ", ".join(ActorType.values)},
        )
    else:
        cleaned["actor_type"] = choices["actor_type"][actor_type.lower()]
    if not country:
        problem("country", _("Give the organisation's country."))
    elif not (code := _country(country)):
        problem(
            "country",
            _(
                "Unknown country “%(value)s”. Use a two-letter ISO code (such as KE) or "
                "the country's English name."
            )
            % {"value": country[:40]},
        )
    else:
        cleaned["country"] = code
    cleaned["focus_areas"] = _check_focus_areas(values.get("focus_areas", ""), problem)
    website = values.get("website", "")
    if website:
        try:
            if len(website) > LIMITS["website"]:
                raise ValidationError("too long")
            URLValidator(schemes=["http", "https"])(website)
        except ValidationError:
            problem("website", _("Enter a web address starting with http:// or https://."))
        cleaned["website"] = website
    return cleaned


def _check_focus_areas(areas_text, problem) -> tuple:
    areas, known = [], set()
    for area in (a.strip() for a in areas_text.split(FOCUS_SEPARATOR)):
        if area and area.casefold() not in known:
            known.add(area.casefold())
            areas.append(area)
    if any(len(a) > LIMITS["focus_area"] for a in areas):
        problem(
            "focus_areas",
            _("Keep each focus area under %(max)d characters.") % {"max": LIMITS["focus_area"]},
        )
    elif len(areas) > MAX_FOCUS_AREAS:
        problem("focus_areas", _("Give at most %(max)d focus areas.") % {"max": MAX_FOCUS_AREAS})
    return tuple(areas)


def _check_protection(values, choices, problem) -> dict:
    """Visibility and alias."""
    cleaned = {}
    visibility_text = values.get("visibility", "")
    visibility = (
        choices["visibility"].get(visibility_text.lower())
        if visibility_text
        else Visibility.MEMBERS.value
    )
    if visibility is None:
        problem(
            "visibility",
            _("Unknown visibility “%(value)s”. Use one of: %(options)s.")
            % {"value": visibility_text[:40], "options": ", ".join(Visibility.values)},
        )
    else:
        cleaned["visibility"] = visibility
    alias = values.get("alias", "")
    if len(alias) > LIMITS["alias"]:
        problem("alias", _("Keep the alias under %(max)d characters.") % {"max": LIMITS["alias"]})
    elif visibility == Visibility.PSEUDONYMOUS and not alias:
        problem("alias", _("A pseudonymous member needs an alias."))
    cleaned["alias"] = alias
    return cleaned


def _check_contacts(values, problem) -> dict:
    cleaned = {}
    email = values.get("contact_email", "")
    if email:
        try:
            if len(email) > LIMITS["contact_email"]:
                raise ValidationError("too long")
            validate_email(email)
        except ValidationError:
            problem("contact_email", _("Enter a valid e-mail address."))
    cleaned["contact_email"] = email
    for column in ("contact_phone", "contact_address"):
        value = values.get(column, "")
        if len(value) > LIMITS[column]:
            problem(column, _("Keep this under %(max)d characters.") % {"max": LIMITS[column]})
        cleaned[column] = value
    return cleaned
