import hashlib
import secrets

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalesce.core.crypto import EncryptedTextField
from coalesce.core.localisation import MAX_LANGUAGE, MAX_TIME_ZONE


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        return self.create_user(email, password, is_staff=True, is_superuser=True, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail"), unique=True, max_length=254)
    # Usually the person's real name (their Person rows start from it): encrypted at rest
    # like those, for every account.
    display_name = EncryptedTextField(_("display name"), max_length=120, blank=True)
    # Blank: follow the browser's language, and the coalition's zone (or UTC).
    language = models.CharField(_("language"), max_length=MAX_LANGUAGE, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=MAX_TIME_ZONE, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    objects = UserManager()

    def __str__(self):
        return self.display_name or self.email


class ApiToken(models.Model):
    """A bearer token for the API; only its hash is stored, the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    @classmethod
    def issue(cls, user, name: str) -> tuple["ApiToken", str]:
        raw = "clc_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, key_hash=hash_token(raw), prefix=raw[4:12])
        return token, raw


class InvitationKind(models.TextChoices):
    INVITATION = "invitation", _("Invitation")
    # A visitor asked to join a coalition with open applications: the link confirms
    # their address before they can apply.
    JOIN_REQUEST = "join_request", _("Request to join")


class Invitation(models.Model):
    coalition = models.ForeignKey(
        "coalitions.Coalition", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(
        max_length=20, choices=InvitationKind.choices, default=InvitationKind.INVITATION
    )
    # Initial values for the application the invitee starts (a prospective partner's
    # organisation name, actor type, country): keys of the application form.
    prefill = models.JSONField(default=dict, blank=True)
    # An invitation to represent an existing member (a converted prospective partner):
    # accepting it makes the invitee one of its people, who can acknowledge the code.
    membership = models.ForeignKey(
        "coalitions.Membership",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
    )

    class Meta:
        indexes = [
            models.Index(fields=["coalition", "email"]),
            models.Index(fields=["accepted_by", "coalition"]),
        ]
        constraints = [
            # One open invitation per address and coalition: inviting again replaces its token.
            models.UniqueConstraint(
                fields=["coalition", "email"],
                condition=models.Q(accepted_at__isnull=True),
                name="one_open_invitation_per_email",
            )
        ]

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()


class LoginFailure(models.Model):
    """One failed sign-in, keyed by hashed (account, address) and by hashed address.

    Kept in the database so every application server sees the same counts.
    """

    account_and_address = models.CharField(max_length=64, db_index=True)
    address = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)


class MailSent(models.Model):
    """One e-mail sent on a visitor's request (join confirmation, password reset), kept
    for the throttle window. Keys are HMACs, so the table holds no addresses."""

    key = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["key", "at"])]
