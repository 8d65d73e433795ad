from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from coalesce.core.crypto import BlindIndexField, EncryptedTextField, blind_indexes
from coalesce.core.localisation import MAX_TIME_ZONE


class ActorType(models.TextChoices):
    CSO = "cso", _("Civil-society organisation")
    POLITICAL_PARTY = "political_party", _("Political party")
    PROFESSIONAL_ASSOCIATION = "professional_association", _("Professional association")
    RESEARCH = "research", _("Research institute / think tank")
    ACADEMIA = "academia", _("Academia")
    FAITH_BASED = "faith_based", _("Faith-based organisation")
    STUDENT_GROUP = "student_group", _("Student group")
    OVERSIGHT = "oversight", _("Security-sector oversight institution")
    MINISTRY = "ministry", _("Ministry")
    INTERNATIONAL = "international", _("International actor")
    MEDIA = "media", _("Media")
    OTHER = "other", _("Other")


class PolicyKind(models.TextChoices):
    """The policies the curriculum's Annex asks every coalition to agree."""

    LEADERSHIP = "leadership", _("Leadership structure and roles")
    DECISION_MAKING = "decision_making", _("Decision-making processes")
    MEMBERSHIP_REQUIREMENTS = "membership_requirements", _("Membership requirements")
    CODE_OF_CONDUCT = "code_of_conduct", _("Membership code of conduct")
    INTERNAL_COMMUNICATION = "internal_communication", _("Internal communication")
    EXTERNAL_COMMUNICATION = "external_communication", _("External communication")
    SHARING_CREDIT = "sharing_credit", _("Sharing credit")
    SHARED_VALUES_GOALS = "shared_values_goals", _("Shared values, short- and long-term goals")
    COMMITTEE_STRUCTURE = "committee_structure", _("Committee structure")


class PolicyStatus(models.TextChoices):
    MISSING = "missing", _("Missing")
    DRAFT = "draft", _("Draft")
    AGREED = "agreed", _("Agreed")


class JoinMode(models.TextChoices):
    INVITATION = "invitation", _("By invitation only")
    OPEN = "open", _("Open applications: anyone may apply from the public page")


class Coalition(models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=160)
    purpose = models.TextField(_("purpose"), max_length=4000, blank=True)
    languages = models.CharField(_("languages"), max_length=120, blank=True, default="en")
    # Where its times are shown to a member who has not chosen a zone of their own.
    time_zone = models.CharField(_("time zone"), max_length=MAX_TIME_ZONE, default="UTC")
    has_public_page = models.BooleanField(_("public page"), default=True)
    join_mode = models.CharField(
        _("how people join"), max_length=12, choices=JoinMode.choices, default=JoinMode.INVITATION
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.name


class CharterPolicy(models.Model):
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="policies")
    kind = models.CharField(max_length=40, choices=PolicyKind.choices)
    status = models.CharField(
        max_length=10, choices=PolicyStatus.choices, default=PolicyStatus.MISSING
    )
    text = models.TextField(max_length=20000, blank=True)
    # What the coalition has to decide for this policy (e.g. from a training handout).
    guidance = models.TextField(max_length=4000, blank=True)
    agreed_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["coalition", "kind"], name="one_policy_per_kind")
        ]


class FocusArea(models.Model):
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="focus_areas")
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "coalition", name="unique_focus_area_name")
        ]

    def __str__(self):
        return self.name


def name_is(value, coalition, prefix="") -> Q:
    """Organisations (or people) of ``coalition`` (or its id) whose name is ``value``,
    compared normalised (case and spacing aside) through the blind index; ``prefix`` for
    related lookups."""
    coalition_id = getattr(coalition, "pk", coalition)
    return Q(
        **{
            f"{prefix}coalition_id": coalition_id,
            f"{prefix}name_index__in": blind_indexes(value, coalition_id),
        }
    )


class Organisation(models.Model):
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="organisations")
    # Names and websites identify members, protected ones too: encrypted for every row
    # (nothing to re-encrypt when a membership's visibility changes).
    name = EncryptedTextField(_("name"), max_length=200)
    name_index = BlindIndexField(source="name", scope="coalition")
    actor_type = models.CharField(_("actor type"), max_length=40, choices=ActorType.choices)
    country = CountryField(_("country"))
    website = EncryptedTextField(_("website"), max_length=200, blank=True)
    focus_areas = models.ManyToManyField(FocusArea, blank=True, related_name="organisations")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "name_index"], name="unique_organisation_name_per_coalition"
            )
        ]
        indexes = [models.Index(fields=["coalition", "actor_type"])]

    def __str__(self):
        return self.name


class Person(models.Model):
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="people")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="people"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    full_name = EncryptedTextField(_("full name"), max_length=160)
    name_index = BlindIndexField(source="full_name", scope="coalition")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "user"], name="one_person_per_user_per_coalition"
            )
        ]

    def __str__(self):
        return self.full_name


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public: shown on the coalition's public page")
    MEMBERS = "members", _("Members: seen by active members")
    STEERING = "steering", _("Steering committee only")
    PSEUDONYMOUS = "pseudonymous", _("Pseudonymous: members see an alias")


class MembershipStatus(models.TextChoices):
    AWAITING_CONDUCT = "awaiting_conduct", _("Approved, awaiting code-of-conduct acknowledgement")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    ENDED = "ended", _("Ended")


class Membership(models.Model):
    """An organisation's or an independent person's membership of a coalition."""

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="membership"
    )
    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="own_membership"
    )
    status = models.CharField(
        max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.AWAITING_CONDUCT
    )
    visibility = models.CharField(
        max_length=20, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    alias = models.CharField(_("alias"), max_length=80, blank=True)
    status_reason = models.CharField(max_length=500, blank=True)
    joined_at = models.DateTimeField(auto_now_add=True)
    conduct_acknowledged_at = models.DateTimeField(null=True, blank=True)
    contact_email = EncryptedTextField(blank=True)
    contact_phone = EncryptedTextField(blank=True)
    contact_address = EncryptedTextField(blank=True)
    contact_notes = EncryptedTextField(blank=True)

    CONTACT_FIELDS = ("contact_email", "contact_phone", "contact_address", "contact_notes")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False, person__isnull=True)
                | Q(organisation__isnull=True, person__isnull=False),
                name="membership_is_organisation_xor_person",
            ),
            models.CheckConstraint(
                condition=~Q(visibility="pseudonymous") | ~Q(alias=""),
                name="pseudonymous_membership_has_alias",
            ),
        ]
        indexes = [
            models.Index(fields=["coalition", "status", "visibility"]),
        ]

    @property
    def real_name(self) -> str:
        return self.organisation.name if self.organisation_id else self.person.full_name


class EligibilityRequirement(models.Model):
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="requirements")
    text = models.CharField(_("requirement"), max_length=500)
    position = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "id"]


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ApplicantKind(models.TextChoices):
    ORGANISATION = "organisation", _("An organisation")
    PERSON = "person", _("An individual")


class Application(models.Model):
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    kind = models.CharField(max_length=20, choices=ApplicantKind.choices)
    # Encrypted like the member's own records (what identifies the applicant, and what
    # they wrote about themselves).
    organisation_name = EncryptedTextField(max_length=200, blank=True)
    actor_type = models.CharField(max_length=40, choices=ActorType.choices, blank=True)
    country = CountryField(blank=True)
    website = EncryptedTextField(max_length=200, blank=True)
    focus_areas = models.ManyToManyField(FocusArea, blank=True, related_name="+")
    person_name = EncryptedTextField(max_length=160)
    statement = EncryptedTextField(max_length=4000, blank=True)
    requested_visibility = models.CharField(
        max_length=20, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    alias = models.CharField(max_length=80, blank=True)
    contact_email = EncryptedTextField(blank=True)
    contact_phone = EncryptedTextField(blank=True)
    status = models.CharField(
        max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.PENDING
    )
    reason = models.CharField(max_length=1000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    membership = models.OneToOneField(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="application"
    )
    # The invitation this application was started from, if any (it may carry a prospective
    # partner's details, and lets the partner's page follow the application).
    invitation = models.ForeignKey(
        "accounts.Invitation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "applicant"],
                condition=Q(status="pending"),
                name="one_pending_application_per_applicant",
            )
        ]
        indexes = [models.Index(fields=["coalition", "status"])]

    @property
    def display_name(self) -> str:
        return self.organisation_name or self.person_name


class ApplicationAnswer(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    requirement = models.ForeignKey(EligibilityRequirement, on_delete=models.CASCADE)
    answer = EncryptedTextField(max_length=2000)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "requirement"], name="one_answer_each")
        ]


class CommitteeKind(models.TextChoices):
    STEERING = "steering", _("Steering committee")
    PUBLICITY = "publicity", _("Publicity and outreach")
    LOBBYING = "lobbying", _("Lobbying")
    FUNDRAISING = "fundraising", _("Fundraising")
    EVENTS = "events", _("Event planning")
    CUSTOM = "custom", _("Other (describe)")


class Committee(models.Model):
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="committees")
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("role"), max_length=20, choices=CommitteeKind.choices)
    custom_role = models.CharField(_("role, if other"), max_length=120, blank=True)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["coalition"], condition=Q(kind="steering"), name="one_steering_committee"
            ),
            models.UniqueConstraint(
                Lower("name"), "coalition", name="unique_committee_name_per_coalition"
            ),
        ]

    def __str__(self):
        return self.name


class SeatRole(models.TextChoices):
    MEMBER = "member", _("Member")
    CHAIR = "chair", _("Chair")
    SECRETARY = "secretary", _("Secretary")
    CUSTOM = "custom", _("Other role")


class CommitteeSeat(models.Model):
    """A member (organisation or individual) on a committee, optionally through one person."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="seats")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="seats")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="seats"
    )
    role = models.CharField(max_length=20, choices=SeatRole.choices, default=SeatRole.MEMBER)
    role_title = models.CharField(max_length=80, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["committee", "membership"], name="one_seat_per_member")
        ]
        indexes = [models.Index(fields=["membership"])]


class StaffRole(models.TextChoices):
    ADMIN = "admin", _("Coalition administrator")
    CUSTODIAN = "custodian", _("Custodian of protected identities")


class CoalitionStaff(models.Model):
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="staff")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coalition_roles"
    )
    role = models.CharField(max_length=20, choices=StaffRole.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["coalition", "user", "role"], name="unique_staff_role")
        ]
