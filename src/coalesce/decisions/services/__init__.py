"""Writes for decisions: categories, rules, proposals, ballots, closing, conflicts.

Same contract as coalitions.services: validate, check the policy, one transaction,
DomainError subclasses with a safe message and the field at fault. One module per
subject; every public name is here too, so ``services.cast(...)`` keeps working.
"""

from coalesce.decisions.selectors import receipt_hash
from coalesce.decisions.services.closing import (
    close_due_proposals,
    close_if_due,
    close_proposal,
    compute_result,
    stored_result,
    terms_of,
)
from coalesce.decisions.services.comments import add_comment
from coalesce.decisions.services.conflicts import raise_conflict, update_conflict
from coalesce.decisions.services.notifications import mark_notifications_read, notify_electorate
from coalesce.decisions.services.proposals import (
    UNCHANGED,
    build_electors,
    create_proposal,
    electorate_memberships,
    open_proposal,
    proposal_for_update,
    update_proposal,
)
from coalesce.decisions.services.rules import (
    MAX_WINDOW_HOURS,
    clean_rule_terms,
    create_category,
    current_rule,
    define_rule,
    ensure_charter_category,
)
from coalesce.decisions.services.voting import cast, clean_position

__all__ = [
    "MAX_WINDOW_HOURS",
    "UNCHANGED",
    "add_comment",
    "build_electors",
    "cast",
    "clean_position",
    "clean_rule_terms",
    "close_due_proposals",
    "close_if_due",
    "close_proposal",
    "compute_result",
    "create_category",
    "create_proposal",
    "current_rule",
    "define_rule",
    "electorate_memberships",
    "ensure_charter_category",
    "mark_notifications_read",
    "notify_electorate",
    "open_proposal",
    "proposal_for_update",
    "raise_conflict",
    "receipt_hash",
    "stored_result",
    "terms_of",
    "update_conflict",
    "update_proposal",
]
