"""Reads for coalition pages and the API: each returns only what the actor may see.

Every selector filters in SQL through the policy's membership filters, so rows,
counts and breakdowns never include members hidden from the actor. One module per
subject; this package exposes them all (``selectors.member_directory(...)``).
"""

from coalesce.coalitions.selectors.applications import (
    Answer,
    ApplicationView,
    accepted_invitation,
    active_requirements,
    application,
    application_prefill,
    application_view,
    applications_to_review,
    applications_url,
    decided_applications,
    own_pending_application,
    pending_applications,
)
from coalesce.coalitions.selectors.coalitions import (
    NextSteps,
    charter,
    coalitions_for,
    focus_areas,
    next_steps,
    staff_roles,
)
from coalesce.coalitions.selectors.committees import (
    COMMITTEE_ORDER,
    active_member_counts,
    committee_summaries,
    committees,
    members_without_committee,
    seat_label,
)
from coalesce.coalitions.selectors.diversity import Share, diversity
from coalesce.coalitions.selectors.members import (
    MemberRow,
    by_name,
    listed_members,
    matching_member_ids,
    member_directory,
    member_organisations,
    member_queryset,
    member_row,
    member_seats,
    prospective_organisations,
    representatives,
    visible_membership,
)

__all__ = [
    "COMMITTEE_ORDER",
    "Answer",
    "ApplicationView",
    "MemberRow",
    "NextSteps",
    "Share",
    "accepted_invitation",
    "active_member_counts",
    "active_requirements",
    "application",
    "application_prefill",
    "application_view",
    "applications_to_review",
    "applications_url",
    "by_name",
    "charter",
    "coalitions_for",
    "committee_summaries",
    "committees",
    "decided_applications",
    "diversity",
    "focus_areas",
    "listed_members",
    "matching_member_ids",
    "member_directory",
    "member_organisations",
    "member_queryset",
    "member_row",
    "member_seats",
    "members_without_committee",
    "next_steps",
    "own_pending_application",
    "pending_applications",
    "prospective_organisations",
    "representatives",
    "seat_label",
    "staff_roles",
    "visible_membership",
]
