"""Writes for coalitions: every change goes through one of these functions.

Each validates its input, checks the policy, writes in one transaction and records
changes to protected records in the audit log. They raise DomainError subclasses
with a message safe to show and the field at fault.
"""

import re

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coalesce.audit.log import record
from coalesce.coalitions import policy
from coalesce.coalitions.limits import MAX_COALITION_NAME, MAX_ORGANISATION_NAME
from coalesce.coalitions.models import (
    ActorType,
    ApplicantKind,
    Application,
    ApplicationAnswer,
    ApplicationStatus,
    CharterPolicy,
    Coalition,
    CoalitionStaff,
    Committee,
    CommitteeKind,
    CommitteeSeat,
    EligibilityRequirement,
    FocusArea,
    JoinMode,
    Membership,
    MembershipStatus,
    Organisation,
    Person,
    PolicyKind,
    PolicyStatus,
    SeatRole,
    StaffRole,
    Visibility,
    name_is,
)
from coalesce.coalitions.selectors import accepted_invitation
from coalesce.core.errors import Conflict, DomainError, NotFound
from coalesce.core.validation import (
    clean_choice,
    clean_country,
    clean_date,
    clean_email,
    clean_text,
    clean_url,
)

SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,58}$")

# --- coalitions and charter ---------------------------------------------------------


@transaction.atomic
def create_coalition(*, user, name, purpose="", slug="", languages="en", has_public_page=True):
    name = clean_text(name, "name", max_length=MAX_COALITION_NAME)
    purpose = clean_text(purpose, "purpose", max_length=4000, required=False)
    slug = (slug or slugify(name))[:60].strip("-")
    if not SLUG_PATTERN.match(slug):
        raise DomainError(_("Use lower-case letters, digits and hyphens for the address."), "slug")
    if Coalition.objects.filter(slug=slug).exists():
        raise Conflict(_("A coalition with this address already exists."), "slug")
    coalition = Coalition.objects.create(
        name=name,
        slug=slug,
        purpose=purpose,
        languages=clean_text(languages, "languages", max_length=120, required=False) or "en",
        has_public_page=bool(has_public_page),
    )
    CharterPolicy.objects.bulk_create(
        CharterPolicy(coalition=coalition, kind=kind) for kind in PolicyKind.values
    )
    Committee.objects.create(
        coalition=coalition, name=_("Steering committee"), kind=CommitteeKind.STEERING
    )
    CoalitionStaff.objects.create(coalition=coalition, user=user, role=StaffRole.ADMIN)
    return coalition


@transaction.atomic
def found_coalition(
    *,
    user,
    name,
    purpose="",
    slug="",
    languages="en",
    has_public_page=True,
    join_mode=JoinMode.INVITATION,
    founder_kind=ApplicantKind.ORGANISATION,
    organisation_name="",
    actor_type="",
    country="",
    person_name="",
    visibility=Visibility.MEMBERS,
    alias="",
):
    """Found a coalition: its creator becomes the first active member (through the
    organisation they name, or as an individual) with the code of conduct acknowledged,
    chair of the steering committee and administrator — so they can admit others."""
    if user is None or not user.is_authenticated:
        raise DomainError(_("Sign in to found a coalition."))
    join_mode = clean_choice(join_mode, JoinMode, "join_mode")
    founder_kind = clean_choice(founder_kind, ApplicantKind, "founder_kind")
    # An account without a display name is still somebody: the e-mail's name part.
    person_name = clean_text(
        person_name or user.display_name or user.email.split("@")[0],
        "person_name",
        max_length=160,
    )
    visibility, alias = clean_protection(visibility, alias)
    coalition = create_coalition(
        user=user,
        name=name,
        purpose=purpose,
        slug=slug,
        languages=languages,
        has_public_page=has_public_page,
    )
    coalition.join_mode = join_mode
    coalition.save(update_fields=["join_mode"])
    organisation = None
    if founder_kind == ApplicantKind.ORGANISATION:
        organisation = _new_organisation(
            coalition,
            name=clean_text(
                organisation_name, "organisation_name", max_length=MAX_ORGANISATION_NAME
            ),
            actor_type=actor_type,
            country=country,
        )
    elif country:
        clean_country(country)
    person = Person.objects.create(
        coalition=coalition, organisation=organisation, user=user, full_name=person_name
    )
    membership = Membership.objects.create(
        coalition=coalition,
        organisation=organisation,
        person=None if organisation else person,
        status=MembershipStatus.ACTIVE,
        conduct_acknowledged_at=timezone.now(),
        visibility=visibility,
        alias=alias,
    )
    CommitteeSeat.objects.create(
        committee=Committee.objects.get(coalition=coalition, kind=CommitteeKind.STEERING),
        membership=membership,
        person=person,
        role=SeatRole.CHAIR,
    )
    record(
        actor=user,
        action="coalition.found",
        obj=membership,
        coalition=coalition,
        fields=["visibility", "alias"],
    )
    return coalition


@transaction.atomic
def update_coalition(actor, *, name, purpose, languages, has_public_page, join_mode=None):
    policy.require(actor, "coalition.edit")
    coalition = actor.coalition
    coalition.name = clean_text(name, "name", max_length=MAX_COALITION_NAME)
    coalition.purpose = clean_text(purpose, "purpose", max_length=4000, required=False)
    coalition.languages = clean_text(languages, "languages", max_length=120, required=False)
    coalition.has_public_page = bool(has_public_page)
    if join_mode:
        coalition.join_mode = clean_choice(join_mode, JoinMode, "join_mode")
    coalition.save()
    return coalition


@transaction.atomic
def update_policy(actor, *, kind, status, text="", agreed_on=None):
    policy.require(actor, "charter.edit")
    kind = clean_choice(kind, PolicyKind, "kind")
    status = clean_choice(status, PolicyStatus, "status")
    text = clean_text(text, "text", max_length=20000, required=status != PolicyStatus.MISSING)
    agreed_on = clean_date(agreed_on, "agreed_on")
    if status == PolicyStatus.AGREED and agreed_on is None:
        raise DomainError(_("Give the date the policy was agreed."), "agreed_on")
    if status != PolicyStatus.AGREED:
        agreed_on = None
    if agreed_on and agreed_on > timezone.localdate():
        raise DomainError(_("The date agreed cannot be in the future."), "agreed_on")
    item = CharterPolicy.objects.select_for_update().get(coalition=actor.coalition, kind=kind)
    item.status, item.text, item.agreed_on, item.updated_by = status, text, agreed_on, actor.user
    item.save()
    return item


# --- focus areas, organisations, people ---------------------------------------------


def focus_areas_by_name(coalition, names, field="focus_areas") -> list[FocusArea]:
    """Resolve focus-area names (case-insensitive) of this coalition; unknown ones are an error."""
    wanted = [clean_text(n, field, max_length=80) for n in names or []]
    if len(wanted) > 30:
        raise DomainError(_("Choose at most 30 focus areas."), field)
    known = {
        area.name.lower(): area
        for area in FocusArea.objects.filter(coalition=coalition).annotate(lname=Lower("name"))
    }
    unknown = [n for n in wanted if n.lower() not in known]
    if unknown:
        raise DomainError(
            _("Unknown focus area: %(names)s.") % {"names": ", ".join(unknown[:5])}, field
        )
    return [known[n.lower()] for n in wanted]


@transaction.atomic
def add_focus_area(actor, *, name):
    policy.require(actor, "charter.edit")
    name = clean_text(name, "name", max_length=80)
    if FocusArea.objects.filter(coalition=actor.coalition, name__iexact=name).exists():
        raise Conflict(_("This focus area already exists."), "name")
    return FocusArea.objects.create(coalition=actor.coalition, name=name)


def _ensure_unique_organisation(coalition, name):
    if Organisation.objects.filter(name_is(name, coalition)).exists():
        raise Conflict(_("An organisation with this name is already registered."), "name")


def unattached_organisation(coalition, name) -> Organisation | None:
    """An organisation registered in the coalition under ``name`` that is not a member
    (a prospective partner the steering committee registered): its application takes it
    up rather than being refused as "already registered"."""
    return Organisation.objects.filter(name_is(name, coalition), membership__isnull=True).first()


def _ensure_organisation_may_apply(coalition, name):
    if unattached_organisation(coalition, name) is None:
        _ensure_unique_organisation(coalition, name)


def _new_organisation(coalition, *, name, actor_type, country, website="", focus_areas=()):
    name = clean_text(name, "name", max_length=MAX_ORGANISATION_NAME)
    actor_type = clean_choice(actor_type, ActorType, "actor_type")
    country = clean_country(country)
    website = clean_url(website)
    areas = focus_areas_by_name(coalition, focus_areas)
    _ensure_unique_organisation(coalition, name)
    try:
        with transaction.atomic():
            organisation = Organisation.objects.create(
                coalition=coalition,
                name=name,
                actor_type=actor_type,
                country=country,
                website=website,
            )
    except IntegrityError as error:  # a concurrent request registered the same name
        raise Conflict(
            _("An organisation with this name is already registered."), "name"
        ) from error
    organisation.focus_areas.set(areas)
    return organisation


@transaction.atomic
def create_organisation(actor, **fields):
    """Register an organisation that is not (yet) a member: a prospective partner."""
    policy.require(actor, "organisations.create")
    return _new_organisation(actor.coalition, **fields)


@transaction.atomic
def add_person(actor, *, full_name, organisation_id=None):
    policy.require(actor, "people.create")
    organisation = None
    if organisation_id is not None:
        organisation = Organisation.objects.filter(
            coalition=actor.coalition, pk=organisation_id
        ).first()
        if organisation is None:
            raise NotFound(_("No such organisation in this coalition."), "organisation_id")
    full_name = clean_text(full_name, "full_name", max_length=160)
    return Person.objects.create(
        coalition=actor.coalition, organisation=organisation, full_name=full_name
    )


# --- eligibility and applications ---------------------------------------------------


@transaction.atomic
def add_requirement(actor, *, text):
    policy.require(actor, "requirements.manage")
    text = clean_text(text, "text", max_length=500)
    position = EligibilityRequirement.objects.filter(coalition=actor.coalition).count()
    return EligibilityRequirement.objects.create(
        coalition=actor.coalition, text=text, position=position
    )


@transaction.atomic
def retire_requirement(actor, requirement_id):
    policy.require(actor, "requirements.manage")
    updated = EligibilityRequirement.objects.filter(
        coalition=actor.coalition, pk=requirement_id
    ).update(is_active=False)
    if not updated:
        raise NotFound(_("No such requirement."))


def clean_protection(visibility, alias, field_prefix=""):
    visibility = clean_choice(visibility, Visibility, f"{field_prefix}visibility")
    alias = clean_text(alias, f"{field_prefix}alias", max_length=80, required=False)
    if visibility == Visibility.PSEUDONYMOUS and not alias:
        raise DomainError(_("A pseudonymous membership needs an alias."), f"{field_prefix}alias")
    return visibility, alias


@transaction.atomic
def submit_application(
    actor,
    *,
    kind,
    person_name,
    answers: dict,
    organisation_name="",
    actor_type="",
    country="",
    website="",
    focus_areas=(),
    statement="",
    visibility=Visibility.MEMBERS,
    alias="",
    contact_email="",
    contact_phone="",
):
    """An organisation or a person applies, answering every active requirement."""
    if not actor.is_signed_in:
        raise DomainError(_("Sign in to apply."))
    if (
        actor.has(policy.Role.APPLICANT)
        or Application.objects.filter(
            coalition=actor.coalition, applicant=actor.user, status=ApplicationStatus.PENDING
        ).exists()
    ):
        raise Conflict(_("You already have an application waiting for a decision."))
    policy.require(actor, "applications.create")
    coalition = actor.coalition
    kind = clean_choice(kind, ApplicantKind, "kind")
    person_name = clean_text(person_name, "person_name", max_length=160)
    fields = {}
    if kind == ApplicantKind.ORGANISATION:
        fields["organisation_name"] = clean_text(
            organisation_name, "organisation_name", max_length=MAX_ORGANISATION_NAME
        )
        fields["actor_type"] = clean_choice(actor_type, ActorType, "actor_type")
        fields["country"] = clean_country(country)
        fields["website"] = clean_url(website)
        _ensure_organisation_may_apply(coalition, fields["organisation_name"])
    elif country:
        fields["country"] = clean_country(country)
    areas = focus_areas_by_name(coalition, focus_areas)
    visibility, alias = clean_protection(visibility, alias)
    requirements = list(EligibilityRequirement.objects.filter(coalition=coalition, is_active=True))
    answers = {str(k): v for k, v in (answers or {}).items()}
    known_ids = {str(r.id) for r in requirements}
    extra = set(answers) - known_ids
    if extra:
        raise DomainError(
            _("An answer refers to a requirement this coalition does not have."), "answers"
        )
    cleaned_answers = {
        r.id: clean_text(answers.get(str(r.id)), f"answers.{r.id}", max_length=2000)
        for r in requirements
    }
    try:
        with transaction.atomic():
            application = Application.objects.create(
                coalition=coalition,
                applicant=actor.user,
                invitation=accepted_invitation(coalition, actor.user),
                kind=kind,
                person_name=person_name,
                statement=clean_text(statement, "statement", max_length=4000, required=False),
                requested_visibility=visibility,
                alias=alias,
                contact_email=clean_email(contact_email, "contact_email"),
                contact_phone=clean_text(
                    contact_phone, "contact_phone", max_length=40, required=False
                ),
                **fields,
            )
    except IntegrityError as error:  # the same applicant submitting twice at once
        raise Conflict(_("You already have an application waiting for a decision.")) from error
    application.focus_areas.set(areas)
    ApplicationAnswer.objects.bulk_create(
        ApplicationAnswer(application=application, requirement_id=rid, answer=text)
        for rid, text in cleaned_answers.items()
    )
    return application


def _pending_application(actor, application_id, action):
    application = (
        Application.objects.select_for_update()
        .filter(coalition=actor.coalition, pk=application_id)
        .first()
    )
    if application is None:
        raise NotFound()
    policy.require(actor, action, application)
    if application.status != ApplicationStatus.PENDING:
        raise Conflict(_("This application has already been decided."), "status")
    return application


def _tell_applicant(application, link_for) -> None:
    """E-mail the applicant the decision, once it is committed, with the way on: for an
    approval, the page where they acknowledge the code of conduct."""
    slug = application.coalition.slug
    path = (
        reverse("coalitions:member", args=[slug, application.membership_id])
        if application.membership_id
        else reverse("coalitions:application", args=[slug, application.id])
    )
    context = {
        "coalition": application.coalition,
        "application": application,
        "approved": application.status == ApplicationStatus.APPROVED,
        "link": link_for(path) if link_for else path,
    }
    email = application.applicant.email
    subject = " ".join(
        render_to_string("coalitions/email/application_decided_subject.txt", context).split()
    )
    body = render_to_string("coalitions/email/application_decided.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [email]))


@transaction.atomic
def decide_application(actor, application_id, *, approve: bool, reason="", link_for=None):
    """The steering committee approves (creating the membership) or declines with a reason;
    the applicant is told by e-mail (``link_for(path)`` makes the link absolute)."""
    application = _pending_application(actor, application_id, "application.decide")
    reason = clean_text(reason, "reason", max_length=1000, required=not approve)
    application.reason = reason
    application.decided_by = actor.user
    application.decided_at = timezone.now()
    if not approve:
        application.status = ApplicationStatus.DECLINED
        application.save()
        _tell_applicant(application, link_for)
        return application
    coalition = actor.coalition
    organisation = None
    if application.kind == ApplicantKind.ORGANISATION:
        organisation = _organisation_for_application(coalition, application)
    person = Person.objects.filter(coalition=coalition, user=application.applicant).first()
    if person is None:
        person = Person.objects.create(
            coalition=coalition,
            organisation=organisation,
            user=application.applicant,
            full_name=application.person_name,
        )
    elif organisation is not None:
        person.organisation = organisation
        person.save(update_fields=["organisation"])
    membership = Membership.objects.create(
        coalition=coalition,
        organisation=organisation,
        person=None if organisation else person,
        visibility=application.requested_visibility,
        alias=application.alias,
        contact_email=application.contact_email,
        contact_phone=application.contact_phone,
    )
    application.status = ApplicationStatus.APPROVED
    application.membership = membership
    application.save()
    record(
        actor=actor.user,
        action="membership.create",
        obj=membership,
        coalition=coalition,
        fields=["visibility", "alias", *Membership.CONTACT_FIELDS],
    )
    _tell_applicant(application, link_for)
    return application


def _organisation_for_application(coalition, application) -> Organisation:
    """The approved applicant's organisation: the one registered for it already, brought
    up to date with the application, or a new one."""
    areas = [a.name for a in application.focus_areas.all()]
    organisation = unattached_organisation(coalition, application.organisation_name)
    if organisation is None:
        return _new_organisation(
            coalition,
            name=application.organisation_name,
            actor_type=application.actor_type,
            country=application.country.code,
            website=application.website,
            focus_areas=areas,
        )
    organisation.actor_type = application.actor_type
    organisation.country = application.country.code
    organisation.website = application.website or organisation.website
    organisation.save(update_fields=["actor_type", "country", "website"])
    if areas:
        organisation.focus_areas.set(focus_areas_by_name(coalition, areas))
    return organisation


@transaction.atomic
def withdraw_application(actor, application_id):
    application = _pending_application(actor, application_id, "application.withdraw")
    application.status = ApplicationStatus.WITHDRAWN
    application.save(update_fields=["status"])
    return application


# --- memberships --------------------------------------------------------------------


def membership_for_update(actor, membership_id) -> Membership:
    membership = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("organisation", "person")
        .filter(coalition=actor.coalition, pk=membership_id)
        .first()
    )
    if membership is None:
        raise NotFound()
    return membership


@transaction.atomic
def acknowledge_conduct(actor, membership_id):
    membership = membership_for_update(actor, membership_id)
    policy.require(actor, "member.acknowledge_conduct", membership)
    if membership.status != MembershipStatus.AWAITING_CONDUCT:
        raise Conflict(_("This membership is not waiting for a code-of-conduct acknowledgement."))
    membership.status = MembershipStatus.ACTIVE
    membership.conduct_acknowledged_at = timezone.now()
    membership.save(update_fields=["status", "conduct_acknowledged_at"])
    return membership


ALLOWED_STATUS_CHANGES = {
    MembershipStatus.ACTIVE: {MembershipStatus.SUSPENDED, MembershipStatus.ENDED},
    MembershipStatus.SUSPENDED: {MembershipStatus.ACTIVE, MembershipStatus.ENDED},
    MembershipStatus.AWAITING_CONDUCT: {MembershipStatus.ENDED},
    MembershipStatus.ENDED: set(),
}


@transaction.atomic
def set_membership_status(actor, membership_id, *, status, reason=""):
    """Suspend, reinstate or end a membership (steering committee)."""
    membership = membership_for_update(actor, membership_id)
    policy.require(actor, "member.set_status", membership)
    status = clean_choice(status, MembershipStatus, "status")
    if status not in ALLOWED_STATUS_CHANGES[membership.status]:
        raise Conflict(
            _("A membership that is %(old)s cannot become %(new)s.")
            % {"old": membership.get_status_display().lower(), "new": status},
            "status",
        )
    reason = clean_text(
        reason, "reason", max_length=500, required=status != MembershipStatus.ACTIVE
    )
    if status != MembershipStatus.ACTIVE:
        _keep_steering_seated(actor.coalition, leaving_membership_id=membership.id)
    membership.status = status
    membership.status_reason = reason
    membership.save(update_fields=["status", "status_reason"])
    record(
        actor=actor.user,
        action="membership.status",
        obj=membership,
        coalition=actor.coalition,
        fields=["status"],
    )
    return membership


@transaction.atomic
def update_protection(actor, membership_id, *, visibility, alias="", **contacts):
    """Change a membership's visibility, alias and encrypted contact details."""
    membership = membership_for_update(actor, membership_id)
    policy.require(actor, "member.edit_protection", membership)
    visibility, alias = clean_protection(visibility, alias)
    unknown = set(contacts) - set(Membership.CONTACT_FIELDS)
    if unknown:
        raise DomainError(_("Unknown field."), sorted(unknown)[0])
    limits = {
        "contact_email": 254,
        "contact_phone": 40,
        "contact_address": 500,
        "contact_notes": 4000,
    }
    cleaned = {}
    for name, value in contacts.items():
        if value is None:
            continue
        cleaned[name] = (
            clean_email(value, name)
            if name == "contact_email"
            else clean_text(value, name, max_length=limits[name], required=False)
        )
    changed = [f for f, v in cleaned.items() if getattr(membership, f) != v]
    if membership.visibility != visibility:
        changed.append("visibility")
    if membership.alias != alias:
        changed.append("alias")
    membership.visibility, membership.alias = visibility, alias
    for name, value in cleaned.items():
        setattr(membership, name, value)
    membership.save()
    if changed:
        record(
            actor=actor.user,
            action="membership.update",
            obj=membership,
            coalition=actor.coalition,
            fields=changed,
        )
    return membership


def read_contacts(actor, membership) -> dict:
    """Contact details of a membership, for those entitled; every read is audited."""
    policy.require(actor, "member.contacts", membership)
    record(
        actor=actor.user,
        action="membership.view_contacts",
        obj=membership,
        coalition=actor.coalition,
        fields=list(Membership.CONTACT_FIELDS),
    )
    return {name: getattr(membership, name) for name in Membership.CONTACT_FIELDS}


# --- committees ---------------------------------------------------------------------


def _committee(actor, committee_id, *, lock=False) -> Committee:
    queryset = Committee.objects.filter(coalition=actor.coalition, pk=committee_id)
    committee = (queryset.select_for_update() if lock else queryset).first()
    if committee is None:
        raise NotFound()
    return committee


def _clean_committee(coalition, *, name, kind, custom_role, description, exclude_id=None):
    name = clean_text(name, "name", max_length=120)
    kind = clean_choice(kind, CommitteeKind, "kind")
    custom_role = clean_text(
        custom_role, "custom_role", max_length=120, required=kind == CommitteeKind.CUSTOM
    )
    description = clean_text(description, "description", max_length=4000, required=False)
    same_name = Committee.objects.filter(coalition=coalition, name__iexact=name)
    if exclude_id:
        same_name = same_name.exclude(pk=exclude_id)
    if same_name.exists():
        raise Conflict(_("A committee with this name already exists."), "name")
    return dict(name=name, kind=kind, custom_role=custom_role, description=description)


@transaction.atomic
def create_committee(actor, *, name, kind, custom_role="", description=""):
    policy.require(actor, "committees.create")
    fields = _clean_committee(
        actor.coalition, name=name, kind=kind, custom_role=custom_role, description=description
    )
    if kind == CommitteeKind.STEERING:
        raise Conflict(_("This coalition already has a steering committee."), "kind")
    try:
        with transaction.atomic():
            return Committee.objects.create(coalition=actor.coalition, **fields)
    except IntegrityError as error:
        raise Conflict(_("A committee with this name already exists."), "name") from error


@transaction.atomic
def update_committee(actor, committee_id, *, name, kind, custom_role="", description=""):
    committee = _committee(actor, committee_id, lock=True)
    policy.require(actor, "committee.edit", committee)
    fields = _clean_committee(
        actor.coalition,
        name=name,
        kind=kind,
        custom_role=custom_role,
        description=description,
        exclude_id=committee.id,
    )
    if (fields["kind"] == CommitteeKind.STEERING) != (committee.kind == CommitteeKind.STEERING):
        raise Conflict(_("The steering committee's role cannot be changed."), "kind")
    for key, value in fields.items():
        setattr(committee, key, value)
    committee.save()
    return committee


@transaction.atomic
def delete_committee(actor, committee_id):
    committee = _committee(actor, committee_id, lock=True)
    policy.require(actor, "committee.edit", committee)
    if committee.kind == CommitteeKind.STEERING:
        raise Conflict(_("The steering committee cannot be deleted."))
    try:
        with transaction.atomic():
            committee.delete()
    except ProtectedError as error:  # a decision rule names it as its electorate
        users = sorted({str(getattr(obj, "category", obj)) for obj in error.protected_objects})
        raise Conflict(
            _(
                "This committee votes under the decision rule of %(uses)s. Give that "
                "category another rule first."
            )
            % {"uses": ", ".join(users[:5])}
        ) from error


@transaction.atomic
def seat_member(
    actor, committee_id, *, membership_id, role=SeatRole.MEMBER, role_title="", person_id=None
):
    """Put an active member on a committee, with a leadership role if given."""
    committee = _committee(actor, committee_id, lock=True)
    policy.require(actor, "committee.seats", committee)
    membership = Membership.objects.filter(
        policy.listed_memberships_filter(actor), coalition=actor.coalition, pk=membership_id
    ).first()
    if membership is None:
        raise NotFound(_("No such member."), "membership_id")
    if membership.status != MembershipStatus.ACTIVE:
        raise Conflict(_("Only active members can sit on a committee."), "membership_id")
    role = clean_choice(role, SeatRole, "role")
    role_title = clean_text(
        role_title, "role_title", max_length=80, required=role == SeatRole.CUSTOM
    )
    person = None
    if person_id is not None:
        person = Person.objects.filter(pk=person_id, coalition=actor.coalition).first()
        belongs = person is not None and (
            person.organisation_id == membership.organisation_id
            if membership.organisation_id
            else person.id == membership.person_id
        )
        if not belongs:
            raise DomainError(_("This person does not represent that member."), "person_id")
    seat, created = CommitteeSeat.objects.update_or_create(
        committee=committee,
        membership=membership,
        defaults={"role": role, "role_title": role_title, "person": person},
    )
    return seat


def _keep_steering_seated(coalition, *, leaving_membership_id):
    """A coalition with members always has someone on its steering committee: the last
    active member seated there cannot leave it, be suspended or end their membership."""
    others = CommitteeSeat.objects.filter(
        committee__coalition=coalition,
        committee__kind=CommitteeKind.STEERING,
        membership__status=MembershipStatus.ACTIVE,
    ).exclude(membership_id=leaving_membership_id)
    seated = CommitteeSeat.objects.filter(
        committee__coalition=coalition,
        committee__kind=CommitteeKind.STEERING,
        membership_id=leaving_membership_id,
    )
    if seated.exists() and not others.exists():
        raise Conflict(
            _(
                "This is the last active member on the steering committee. Seat another "
                "member there first, so that someone can still admit and review members."
            ),
            "membership_id",
        )


@transaction.atomic
def unseat_member(actor, committee_id, *, membership_id):
    committee = _committee(actor, committee_id, lock=True)
    policy.require(actor, "committee.seats", committee)
    if committee.kind == CommitteeKind.STEERING:
        _keep_steering_seated(actor.coalition, leaving_membership_id=membership_id)
    deleted, _count = CommitteeSeat.objects.filter(
        committee=committee, membership_id=membership_id
    ).delete()
    if not deleted:
        raise NotFound(_("This member is not on the committee."), "membership_id")


# --- staff roles --------------------------------------------------------------------


@transaction.atomic
def grant_staff_role(actor, *, email, role):
    from django.contrib.auth import get_user_model

    policy.require(actor, "staff.manage")
    role = clean_choice(role, StaffRole, "role")
    email = clean_email(email, "email", required=True).lower()
    user = get_user_model().objects.filter(email__iexact=email).first()
    # Same message whether or not the account exists elsewhere: only people tied to
    # this coalition can be given a role.
    tied = user is not None and (
        Person.objects.filter(coalition=actor.coalition, user=user).exists()
        or CoalitionStaff.objects.filter(coalition=actor.coalition, user=user).exists()
    )
    if not tied:
        raise NotFound(_("No one in this coalition has that e-mail address."), "email")
    staff, _created = CoalitionStaff.objects.get_or_create(
        coalition=actor.coalition, user=user, role=role
    )
    record(
        actor=actor.user,
        action="staff.grant",
        obj=staff,
        coalition=actor.coalition,
        fields=["role"],
    )
    return staff


def record_member_export(actor) -> None:
    """Exports can hold steering-only names: record who took one (not what it held)."""
    policy.require(actor, "members.export")
    record(
        actor=actor.user,
        action="members.export",
        obj=actor.coalition,
        coalition=actor.coalition,
        fields=["name", "actor_type", "country", "status"],
    )


# --- completing a founder's organisation and a custodian's place -----------------------
# Added so that the demo (``demo.coalition``) can be built through the front door: a
# coalition founded through an organisation gets its focus areas and website afterwards,
# and a custodian who is not a member needs a Person before a staff role can be granted.


@transaction.atomic
def update_organisation(actor, organisation_id, *, actor_type, country, website="", focus_areas=()):
    """Correct a registered organisation's actor type, country, website and focus areas
    (the steering committee keeps the register). Its name stays."""
    policy.require(actor, "organisations.create")
    organisation = (
        Organisation.objects.select_for_update()
        .filter(coalition=actor.coalition, pk=organisation_id)
        .first()
    )
    if organisation is None:
        raise NotFound(_("No such organisation in this coalition."), "organisation_id")
    organisation.actor_type = clean_choice(actor_type, ActorType, "actor_type")
    organisation.country = clean_country(country)
    organisation.website = clean_url(website)
    areas = focus_areas_by_name(actor.coalition, focus_areas)
    organisation.save(update_fields=["actor_type", "country", "website"])
    organisation.focus_areas.set(areas)
    record(
        actor=actor.user,
        action="organisation.update",
        obj=organisation,
        coalition=actor.coalition,
        fields=["actor_type", "country", "website", "focus_areas"],
    )
    return organisation


@transaction.atomic
def add_invited_person(actor, *, email):
    """Give someone who accepted an invitation to this coalition, and has no place in it
    yet, a Person of their own (no organisation, no membership), so that an admin can
    grant them a staff role — a custodian of protected identities need not be a member."""
    from coalesce.accounts.models import Invitation

    policy.require(actor, "staff.manage")
    email = clean_email(email, "email", required=True).lower()
    invitation = (
        Invitation.objects.select_related("accepted_by")
        .filter(coalition=actor.coalition, accepted_by__email__iexact=email)
        .first()
    )
    if invitation is None:
        raise NotFound(_("No one in this coalition has that e-mail address."), "email")
    user = invitation.accepted_by
    person = Person.objects.filter(coalition=actor.coalition, user=user).first()
    if person is not None:
        return person
    person = Person.objects.create(
        coalition=actor.coalition,
        user=user,
        full_name=clean_text(
            user.display_name or user.email.split("@")[0], "full_name", max_length=160
        ),
    )
    record(
        actor=actor.user,
        action="person.create",
        obj=person,
        coalition=actor.coalition,
        fields=["full_name"],
    )
    return person
