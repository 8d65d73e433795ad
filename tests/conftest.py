"""The standard roles, in one coalition, for every test that needs them."""

from dataclasses import dataclass

import pytest
from django.conf import settings
from django.test import Client, override_settings
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from coalesce.coalitions.models import (
    Application,
    Committee,
    CommitteeKind,
    JoinMode,
    SeatRole,
    StaffRole,
    Visibility,
)
from tests.support import factories as f

# Argon2 stays the hasher for real sign-ups; the standard test users are made with a fast
# one (still accepted at sign-in) so the many tests that build them stay quick.
FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"
settings.PASSWORD_HASHERS = [*settings.PASSWORD_HASHERS, FAST_HASHER]

# The suite never runs collectstatic, so pages link the static files by their plain names and
# whitenoise serves them from the source folders (tests/project/test_static_files.py checks
# the hashed, compressed production ones).
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
settings.WHITENOISE_USE_FINDERS = True

# Property tests must not depend on how fast the machine is: no per-example deadline, and
# no "too slow" health check (CI runs on a busy 2-core machine).
hypothesis_settings.register_profile(
    "coalesce", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("coalesce")

ROLES = ["anonymous", "outsider", "applicant", "member", "chair", "steering", "admin", "custodian"]


@dataclass
class World:
    coalition: object
    other_coalition: object
    users: dict
    memberships: dict
    committee: object
    steering_committee: object
    pending_application: object
    markers: dict

    def client(self, role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(self.users[role])
        return client


@pytest.fixture
def world(db) -> World:
    """A coalition with one user per role, plus a confidential and a pseudonymous member
    whose real names and contacts carry unique markers (for leak tests)."""
    return build_world()


def build_world() -> World:
    """The standard world (see ``world``), in the database the caller has open."""
    with override_settings(PASSWORD_HASHERS=[FAST_HASHER]):
        users = {
            role: f.make_user(f"{role}@example.org", f"{role.title()} User")
            for role in [
                "admin",
                "member",
                "chair",
                "steering",
                "custodian",
                "applicant",
                "outsider",
            ]
        }
    admin = users["admin"]
    coalition = f.make_coalition(admin, name="Safer Streets Coalition", slug="safer-streets")
    # Open applications, so that the outsider may apply (invitation-only is tested apart).
    coalition.join_mode = JoinMode.OPEN
    coalition.save(update_fields=["join_mode"])

    m = {}
    m["member"] = f.make_member(coalition, user=users["member"], name="Open Hands Network")
    m["chair"] = f.make_member(
        coalition,
        user=users["chair"],
        name="Women Police Association",
        actor_type="professional_association",
    )
    m["steering"] = f.make_member(
        coalition, user=users["steering"], name="Justice Watch", visibility=Visibility.PUBLIC
    )
    markers = {
        "steering_only_name": "MARKER-STEERINGONLY-NAME-7f3a",
        "pseudonymous_name": "MARKER-PSEUDO-NAME-91bc",
        "pseudonymous_person": "MARKER-PSEUDO-PERSON-22de",
        "pseudonymous_email": "marker-pseudo-5e1f@example.org",
        "pseudonymous_phone": "+254700MARKER77",
        "steering_only_email": "marker-steer-88aa@example.org",
        # a prospective partner's contact (shown to nobody: it only receives invitations)
        "partner_contact_email": "marker-partner-4c7d@example.org",
    }
    m["steering_only"] = f.make_member(
        coalition,
        name=markers["steering_only_name"],
        visibility=Visibility.STEERING,
        contacts={"contact_email": markers["steering_only_email"]},
    )
    m["pseudonymous"] = f.make_member(
        coalition,
        name=markers["pseudonymous_name"],
        person_name=markers["pseudonymous_person"],
        visibility=Visibility.PSEUDONYMOUS,
        alias="Friends of the Riverside",
        contacts={
            "contact_email": markers["pseudonymous_email"],
            "contact_phone": markers["pseudonymous_phone"],
        },
    )
    steering_committee = f.steering(coalition)
    f.seat(steering_committee, m["steering"], SeatRole.CHAIR)
    committee = Committee.objects.create(
        coalition=coalition, name="Outreach", kind=CommitteeKind.PUBLICITY
    )
    f.seat(committee, m["chair"], SeatRole.CHAIR)
    f.seat(committee, m["member"])
    f.seat(committee, m["pseudonymous"])
    f.make_staff(coalition, users["custodian"], StaffRole.CUSTODIAN)

    pending = Application.objects.create(
        coalition=coalition,
        applicant=users["applicant"],
        kind="organisation",
        organisation_name="Campus Peace Students",
        actor_type="student_group",
        country="UG",
        person_name="Applicant User",
    )
    other = f.make_coalition(users["outsider"], name="Another Coalition", slug="another")
    f.make_member(other, user=users["outsider"], name="Elsewhere Org")
    return World(coalition, other, users, m, committee, steering_committee, pending, markers)


@pytest.fixture
def run_queued_tasks(db):
    """Run what the task queue holds, as the worker beside the server would (in the test's
    own transaction: django-tasks-db's db_worker closes the connection when it is done)."""
    from django_tasks_db.models import DBTaskResult

    def run():
        while task := DBTaskResult.objects.ready().order_by("enqueued_at").first():
            task.claim("test")
            arguments = task.args_kwargs
            task.set_successful(task.task.call(*arguments["args"], **arguments["kwargs"]))

    return run


@pytest.fixture
def key_file(tmp_path):
    """Keys from a key file of the test's own (as in a data folder), not the environment."""
    from coalesce.core import crypto

    with override_settings(COALESCE_ENCRYPTION_KEYS=[], COALESCE_KEY_FILE=tmp_path / "keys"):
        crypto.reset_keyring()
        yield tmp_path / "keys"
    crypto.reset_keyring()


@pytest.fixture
def fast_hashing(settings):
    """The world fixture creates eight users: hash their passwords cheaply (API modules use
    it for every test, with ``pytest.mark.usefixtures("fast_hashing")``)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
