"""The roster: adding members one by one, importing a file of them, exporting them.

``add_member`` registers one organisation (or reuses one registered earlier without a
membership: a prospective partner) or one individual and makes it a member.
``preview_import`` says what a file would do, row by row, writing nothing;
``import_members`` checks the file again and writes every new member in one
transaction, or nothing if any row has a problem. ``export_records`` reads the members
the actor may list, masked as the directory masks them, in the same columns, so that an
export imports back.
"""

from dataclasses import dataclass, replace

from django.db import transaction
from django.utils.translation import gettext as _

from coalesce.audit import log
from coalesce.audit.log import record
from coalesce.coalitions import member_file, policy, selectors
from coalesce.coalitions.limits import MAX_ORGANISATION_NAME
from coalesce.coalitions.member_file import (
    MAX_IMPORT_BYTES,
    MAX_IMPORT_ROWS,
    MemberRecord,
    RowProblem,
)
from coalesce.coalitions.models import (
    ActorType,
    ApplicantKind,
    FocusArea,
    Membership,
    MembershipStatus,
    Organisation,
    Person,
)
from coalesce.coalitions.services import (
    clean_protection,
    focus_areas_by_name,
    new_organisation,
)
from coalesce.core import crypto
from coalesce.core.errors import Conflict, DomainError
from coalesce.core.validation import (
    clean_choice,
    clean_country,
    clean_email,
    clean_text,
    clean_url,
)

__all__ = [
    "MAX_IMPORT_BYTES",
    "MAX_IMPORT_ROWS",
    "ImportPreview",
    "ImportRefused",
    "RowResult",
    "add_member",
    "export_records",
    "import_members",
    "preview_import",
]

NEW, EXISTING, ERROR = "new", "existing", "error"
EXPORT_CHUNK = 1000
CONTACT_COLUMNS = ("contact_email", "contact_phone", "contact_address")


@dataclass(frozen=True)
class RowResult:
    number: int
    name: str
    kind: str
    status: str  # NEW, EXISTING or ERROR
    problems: tuple[RowProblem, ...] = ()
    # An organisation registered earlier without a membership becomes the member.
    joins_registered: bool = False


@dataclass(frozen=True)
class ImportPreview:
    columns: tuple[str, ...]
    rows: tuple[RowResult, ...]
    new_focus_areas: tuple[str, ...] = ()
    imported: int = 0  # memberships created (only after import_members)

    def _count(self, status):
        return sum(1 for row in self.rows if row.status == status)

    @property
    def new(self) -> int:
        return self._count(NEW)

    @property
    def existing(self) -> int:
        return self._count(EXISTING)

    @property
    def errors(self) -> int:
        return self._count(ERROR)

    @property
    def first_problem(self) -> tuple[int, RowProblem] | None:
        for row in self.rows:
            if row.problems:
                return row.number, row.problems[0]
        return None


class ImportRefused(DomainError):
    """Some rows have problems: nothing was written. ``preview`` has every row's result."""

    def __init__(self, preview: ImportPreview):
        row, problem = preview.first_problem
        message = _("Nothing was imported. Row %(row)d, %(column)s: %(message)s") % {
            "row": row,
            "column": problem.column,
            "message": problem.message,
        }
        others = sum(len(r.problems) for r in preview.rows) - 1
        if others:
            message += " " + _("(and %(n)d more problems)") % {"n": others}
        super().__init__(message, problem.column)
        self.row = row
        self.preview = preview


class _Registry:
    """Who is registered in a coalition already, by the blind index of their name (read
    once; the names themselves are encrypted and need not be decrypted)."""

    def __init__(self, coalition):
        self.coalition = coalition
        self.member_keys: set[tuple[str, str]] = set()
        self.prospective: dict[str, int] = {}  # organisations without a membership
        for org_id, index, membership_id in (
            Organisation.objects.filter(coalition=coalition)
            .order_by("id")
            .values_list("id", "name_index", "membership__id")
        ):
            if membership_id:
                self.member_keys.add((member_file.ORGANISATION, index))
            else:
                self.prospective.setdefault(index, org_id)
        for (index,) in Person.objects.filter(
            coalition=coalition, own_membership__isnull=False
        ).values_list("name_index"):
            self.member_keys.add((member_file.PERSON, index))
        self.focus_areas = {
            area.name.casefold(): area for area in FocusArea.objects.filter(coalition=coalition)
        }

    def is_member(self, kind, name) -> bool:
        # Every key's index: rows not yet re-indexed after a new key still count.
        return any(
            (kind, index) in self.member_keys
            for index in crypto.blind_indexes(name, self.coalition.pk)
        )

    def prospective_id(self, name) -> int | None:
        """The organisation registered under ``name`` without a membership, if any."""
        for index in crypto.blind_indexes(name, self.coalition.pk):
            if index in self.prospective:
                return self.prospective[index]
        return None

    def registered(self, kind, name) -> None:
        self.member_keys.add((kind, crypto.blind_index(name, self.coalition.pk)))
        if kind == member_file.ORGANISATION:
            for index in crypto.blind_indexes(name, self.coalition.pk):
                self.prospective.pop(index, None)


# --- one member ---------------------------------------------------------------------


def _ensure_focus_areas(registry, names) -> list[str]:
    """Create the focus areas not known yet; the names as the coalition spells them."""
    spelled = []
    for name in names:
        name = clean_text(name, "focus_areas", max_length=80)
        area = registry.focus_areas.get(name.casefold())
        if area is None:
            area = FocusArea.objects.create(coalition=registry.coalition, name=name)
            registry.focus_areas[name.casefold()] = area
        spelled.append(area.name)
    return spelled


def _add(actor, registry, *, audit_action, **fields) -> Membership:
    coalition = actor.coalition
    kind = clean_choice(fields["kind"], ApplicantKind, "kind")
    status = clean_choice(fields["status"], MembershipStatus, "status")
    visibility, alias = clean_protection(fields["visibility"], fields["alias"])
    contacts = _cleaned_contacts(fields)
    organisation = person = None
    if kind == ApplicantKind.ORGANISATION:
        name = clean_text(fields["name"], "name", max_length=MAX_ORGANISATION_NAME)
        organisation = _member_organisation(coalition, registry, name, fields)
    else:
        name = clean_text(fields["name"], "name", max_length=160)
        person = _member_person(coalition, registry, name, fields)
    membership = Membership.objects.create(
        coalition=coalition,
        organisation=organisation,
        person=person,
        status=status,
        visibility=visibility,
        alias=alias,
        **contacts,
    )
    registry.registered(kind, name)
    record(
        actor=actor.user,
        action=audit_action,
        obj=membership,
        coalition=coalition,
        fields=[
            "status",
            "visibility",
            *(["alias"] if alias else []),
            *(k for k, v in contacts.items() if v),
        ],
    )
    return membership


def _cleaned_contacts(fields) -> dict:
    return {
        "contact_email": clean_email(fields["contact_email"], "contact_email"),
        "contact_phone": clean_text(
            fields["contact_phone"], "contact_phone", max_length=40, required=False
        ),
        "contact_address": clean_text(
            fields["contact_address"], "contact_address", max_length=500, required=False
        ),
    }


def _member_organisation(coalition, registry, name, fields) -> Organisation:
    """The organisation a new member joins as: a new one, or the prospective one
    registered under its name."""
    if registry.is_member(member_file.ORGANISATION, name):
        raise Conflict(_("An organisation with this name is already a member."), "name")
    areas = _ensure_focus_areas(registry, list(fields["focus_areas"] or ()))
    registered = registry.prospective_id(name)
    if registered is not None:
        return _registered_organisation(coalition, registered, fields, areas)
    return new_organisation(
        coalition,
        name=name,
        actor_type=fields["actor_type"],
        country=fields["country"],
        website=fields["website"],
        focus_areas=areas,
    )


def _member_person(coalition, registry, name, fields) -> Person:
    for column in member_file.ORGANISATION_ONLY:
        if fields[column]:
            raise DomainError(_("Only organisations have this; leave it empty."), column)
    if registry.is_member(member_file.PERSON, name):
        raise Conflict(_("An individual with this name is already a member."), "name")
    return Person.objects.create(coalition=coalition, full_name=name)


def _registered_organisation(coalition, organisation_id, fields, areas) -> Organisation:
    """A prospective partner becomes the member: what the caller gives replaces its
    actor type, country and website; its focus areas are kept and the given ones added."""
    organisation = (
        # of=self: PostgreSQL cannot lock the nullable side of the membership join
        Organisation.objects.select_for_update(of=("self",))
        .filter(coalition=coalition, pk=organisation_id, membership__isnull=True)
        .first()
    )
    if organisation is None:  # became a member meanwhile
        raise Conflict(_("An organisation with this name is already a member."), "name")
    if fields["actor_type"]:
        organisation.actor_type = clean_choice(fields["actor_type"], ActorType, "actor_type")
    if fields["country"]:
        organisation.country = clean_country(fields["country"])
    if fields["website"]:
        organisation.website = clean_url(fields["website"])
    organisation.save()
    if areas:
        organisation.focus_areas.add(*focus_areas_by_name(coalition, areas))
    return organisation


@transaction.atomic
def add_member(
    actor,
    *,
    kind,
    name,
    actor_type="",
    country="",
    focus_areas=(),
    website="",
    visibility="members",
    alias="",
    contact_email="",
    contact_phone="",
    contact_address="",
    status="active",
) -> Membership:
    """Make an organisation (registering it, or taking the one registered by that name
    without a membership) or an individual a member of the actor's coalition. Focus
    areas the coalition does not have yet are created. Policy action ``members.import``."""
    policy.require(actor, "members.import")
    return _add(
        actor,
        _Registry(actor.coalition),
        audit_action="membership.create",
        kind=kind,
        name=name,
        actor_type=actor_type,
        country=country,
        focus_areas=focus_areas,
        website=website,
        visibility=visibility,
        alias=alias,
        contact_email=contact_email,
        contact_phone=contact_phone,
        contact_address=contact_address,
        status=status,
    )


# --- importing a file ---------------------------------------------------------------


def _preview(registry, parsed) -> ImportPreview:
    rows, new_areas = [], {}
    for row in parsed.rows:
        if not row.ok:
            rows.append(RowResult(row.number, row.name, row.kind, ERROR, row.problems))
            continue
        found = row.record
        if registry.is_member(found.kind, found.name):
            rows.append(RowResult(row.number, row.name, row.kind, EXISTING))
            continue
        for area in found.focus_areas:
            if area.casefold() not in registry.focus_areas:
                new_areas.setdefault(area.casefold(), area)
        joins = (
            found.kind == member_file.ORGANISATION
            and registry.prospective_id(found.name) is not None
        )
        rows.append(RowResult(row.number, row.name, row.kind, NEW, joins_registered=joins))
    return ImportPreview(parsed.columns, tuple(rows), tuple(sorted(new_areas.values())))


def preview_import(actor, *, data: bytes, filename: str) -> ImportPreview:
    """What importing the file would do, row by row; writes nothing. A file that cannot
    be read at all raises ``MemberFileError`` (field ``file`` or ``columns``)."""
    policy.require(actor, "members.import")
    parsed = member_file.parse(data, filename)
    return _preview(_Registry(actor.coalition), parsed)


@transaction.atomic
def import_members(actor, *, data: bytes, filename: str) -> ImportPreview:
    """Check the file again and make every new row an active member, all in one
    transaction; rows already registered are counted and left alone. Any row with a
    problem: ``ImportRefused`` (a DomainError naming the row and column), nothing written."""
    policy.require(actor, "members.import")
    parsed = member_file.parse(data, filename)
    registry = _Registry(actor.coalition)
    preview = _preview(registry, parsed)
    if preview.errors:
        raise ImportRefused(preview)
    records = {row.number: row.record for row in parsed.rows}
    created = 0
    for row in preview.rows:
        if row.status != NEW:
            continue
        found = records[row.number]
        try:
            _add(
                actor,
                registry,
                audit_action="membership.import",
                status=MembershipStatus.ACTIVE,
                **found.as_dict(),
            )
        except DomainError as error:  # e.g. registered concurrently: nothing is kept
            failed = replace(
                preview,
                rows=tuple(
                    replace(
                        r,
                        status=ERROR,
                        problems=(RowProblem(error.field or "name", error.message),),
                    )
                    if r.number == row.number
                    else r
                    for r in preview.rows
                ),
            )
            raise ImportRefused(failed) from error
        created += 1
    record(
        actor=actor.user,
        action="members.import",
        obj=actor.coalition,
        coalition=actor.coalition,
        fields=list(parsed.columns),
    )
    return replace(preview, imported=created)


# --- exporting ----------------------------------------------------------------------


def _export_record(actor, membership, contacts: dict | None) -> MemberRecord:
    organisation = membership.organisation if membership.organisation_id else None
    shown = policy.sees_identity(actor, membership)
    values = {
        "name": membership.real_name if shown else membership.alias,
        "kind": member_file.ORGANISATION if organisation else member_file.PERSON,
        "visibility": membership.visibility,
        "alias": membership.alias,
        **(contacts or {}),
    }
    if shown and organisation:
        values |= {
            "actor_type": organisation.actor_type,
            "country": organisation.country.code or "",
            "focus_areas": tuple(a.name for a in organisation.focus_areas.all()),
            "website": organisation.website,
        }
    return MemberRecord(**values)


def export_records(actor, *, contacts: bool = False, **filters) -> list[MemberRecord]:
    """The members the actor may list, in the file's columns, by id: hidden identities
    as their alias (and no actor type, country, focus areas or website). With
    ``contacts``, the contact columns of the members whose contacts the actor may see
    (custodians: all; a member: its own), each read recorded in the audit log; empty
    for the others. Policy action ``members.export``."""
    policy.require(actor, "members.export")
    members = (
        selectors.listed_members(actor, **filters)
        .select_related("organisation", "person")
        .prefetch_related("organisation__focus_areas")
        .order_by("id")
    )
    load_all = contacts and actor.has(policy.Role.CUSTODIAN)
    if not load_all:
        members = members.defer(*Membership.CONTACT_FIELDS)
    own_contacts = {}
    if contacts and not load_all and actor.own_membership_ids:
        own_contacts = {
            m.id: {c: getattr(m, c) for c in CONTACT_COLUMNS}
            for m in Membership.objects.filter(
                coalition=actor.coalition, id__in=actor.own_membership_ids
            ).only("id", *CONTACT_COLUMNS)
        }
    records, read, last = [], [], 0
    while True:
        chunk = list(members.filter(id__gt=last)[:EXPORT_CHUNK])
        for membership in chunk:
            shown_contacts = None
            if contacts and policy.sees_contacts(actor, membership):
                shown_contacts = (
                    {c: getattr(membership, c) for c in CONTACT_COLUMNS}
                    if load_all
                    else own_contacts.get(membership.id)
                )
                if shown_contacts is not None:
                    read.append(membership)
            records.append(_export_record(actor, membership, shown_contacts))
        if len(chunk) < EXPORT_CHUNK:
            break
        last = chunk[-1].id
    if read:
        _record_contact_reads(actor, read)
    return records


def _record_contact_reads(actor, memberships) -> None:
    """One ``membership.view_contacts`` event per membership, as ``read_contacts``
    records, appended to the chain in a few queries rather than three each."""
    log.record_many(
        actor=actor.user,
        action="membership.view_contacts",
        objects=memberships,
        coalition=actor.coalition,
        fields=Membership.CONTACT_FIELDS,
    )
