"""Eligibility requirements and applications to join."""

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coalesce.audit.log import record
from coalesce.coalitions import policy
from coalesce.coalitions.limits import MAX_ORGANISATION_NAME
from coalesce.coalitions.models import (
    ActorType,
    ApplicantKind,
    Application,
    ApplicationAnswer,
    ApplicationStatus,
    EligibilityRequirement,
    Membership,
    Organisation,
    Person,
    Visibility,
)
from coalesce.coalitions.selectors import accepted_invitation
from coalesce.coalitions.services.charter import focus_areas_by_name
from coalesce.coalitions.services.members import clean_protection
from coalesce.coalitions.services.organisations import (
    ensure_organisation_may_apply,
    new_organisation,
    unattached_organisation,
)
from coalesce.coalitions.services.rows import of_coalition
from coalesce.core.errors import Conflict, DomainError, NotFound
from coalesce.core.localisation import as_reader
from coalesce.core.validation import (
    clean_choice,
    clean_country,
    clean_email,
    clean_text,
    clean_url,
)


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
    _ensure_may_apply(actor)
    coalition = actor.coalition
    kind = clean_choice(kind, ApplicantKind, "kind")
    person_name = clean_text(person_name, "person_name", max_length=160)
    fields = _applicant_fields(
        coalition,
        kind,
        organisation_name=organisation_name,
        actor_type=actor_type,
        country=country,
        website=website,
    )
    areas = focus_areas_by_name(coalition, focus_areas)
    visibility, alias = clean_protection(visibility, alias)
    cleaned_answers = _cleaned_answers(coalition, answers)
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


def _ensure_may_apply(actor) -> None:
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


def _applicant_fields(coalition, kind, *, organisation_name, actor_type, country, website):
    """The organisation's details of an organisation's application (a person's: only
    the country, if given)."""
    if kind != ApplicantKind.ORGANISATION:
        return {"country": clean_country(country)} if country else {}
    fields = {
        "organisation_name": clean_text(
            organisation_name, "organisation_name", max_length=MAX_ORGANISATION_NAME
        ),
        "actor_type": clean_choice(actor_type, ActorType, "actor_type"),
        "country": clean_country(country),
        "website": clean_url(website),
    }
    ensure_organisation_may_apply(coalition, fields["organisation_name"])
    return fields


def _cleaned_answers(coalition, answers) -> dict:
    """An answer to every active requirement, by requirement id; none to another."""
    requirements = list(EligibilityRequirement.objects.filter(coalition=coalition, is_active=True))
    answers = {str(k): v for k, v in (answers or {}).items()}
    if set(answers) - {str(r.id) for r in requirements}:
        raise DomainError(
            _("An answer refers to a requirement this coalition does not have."), "answers"
        )
    return {
        r.id: clean_text(answers.get(str(r.id)), f"answers.{r.id}", max_length=2000)
        for r in requirements
    }


def _pending_application(actor, application_id, action):
    application = of_coalition(Application.objects, actor, application_id, lock=True)
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
    applicant = application.applicant
    with as_reader(applicant, time_zone=application.coalition.time_zone):
        subject = " ".join(
            render_to_string("coalitions/email/application_decided_subject.txt", context).split()
        )
        body = render_to_string("coalitions/email/application_decided.txt", context)
    email = applicant.email
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
        return new_organisation(
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
