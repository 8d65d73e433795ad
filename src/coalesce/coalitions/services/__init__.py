"""Writes for coalitions: every change goes through one of these functions.

Each validates its input, checks the policy, writes in one transaction and records
changes to protected records in the audit log. They raise DomainError subclasses
with a message safe to show and the field at fault.

The functions live in one module per subject; this package exposes them all, so
callers write ``services.found_coalition(...)``.
"""

from coalesce.coalitions.services.applications import (
    add_requirement,
    decide_application,
    retire_requirement,
    submit_application,
    withdraw_application,
)
from coalesce.coalitions.services.charter import add_focus_area, focus_areas_by_name, update_policy
from coalesce.coalitions.services.coalitions import (
    SLUG_PATTERN,
    create_coalition,
    found_coalition,
    update_coalition,
)
from coalesce.coalitions.services.committees import (
    create_committee,
    delete_committee,
    keep_steering_seated,
    seat_member,
    unseat_member,
    update_committee,
)
from coalesce.coalitions.services.members import (
    ALLOWED_STATUS_CHANGES,
    acknowledge_conduct,
    clean_protection,
    membership_for_update,
    read_contacts,
    record_member_export,
    set_membership_status,
    update_protection,
)
from coalesce.coalitions.services.organisations import (
    add_person,
    create_organisation,
    ensure_organisation_may_apply,
    new_organisation,
    unattached_organisation,
    update_organisation,
)
from coalesce.coalitions.services.staff import add_invited_person, grant_staff_role
from coalesce.core.unchanged import UNCHANGED

__all__ = [
    "ALLOWED_STATUS_CHANGES",
    "SLUG_PATTERN",
    "UNCHANGED",
    "acknowledge_conduct",
    "add_focus_area",
    "add_invited_person",
    "add_person",
    "add_requirement",
    "clean_protection",
    "create_coalition",
    "create_committee",
    "create_organisation",
    "decide_application",
    "delete_committee",
    "ensure_organisation_may_apply",
    "focus_areas_by_name",
    "found_coalition",
    "grant_staff_role",
    "keep_steering_seated",
    "membership_for_update",
    "new_organisation",
    "read_contacts",
    "record_member_export",
    "retire_requirement",
    "seat_member",
    "set_membership_status",
    "submit_application",
    "unattached_organisation",
    "unseat_member",
    "update_coalition",
    "update_committee",
    "update_organisation",
    "update_policy",
    "update_protection",
    "withdraw_application",
]
