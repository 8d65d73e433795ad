from django.urls import path

from coalesce.decisions.web import (
    comments,
    conflicts,
    listing,
    notifications,
    proposal_page,
    proposals,
    rules,
    voting,
)

app_name = "decisions"
urlpatterns = [
    path("", listing.decision_list, name="list"),
    path("new/", proposals.proposal_create, name="proposal_create"),
    path("<int:proposal_id>/", proposal_page.proposal_view, name="proposal"),
    path("<int:proposal_id>/edit/", proposals.proposal_edit, name="proposal_edit"),
    path("<int:proposal_id>/open/", proposals.proposal_open, name="proposal_open"),
    path("<int:proposal_id>/close/", proposals.proposal_close, name="proposal_close"),
    path("<int:proposal_id>/vote/", voting.proposal_vote, name="proposal_vote"),
    path("<int:proposal_id>/comment/", comments.proposal_comment, name="proposal_comment"),
    path("<int:proposal_id>/receipts/", voting.proposal_receipts, name="proposal_receipts"),
    path("rules/", rules.rules, name="rules"),
    path("rules/define/", rules.rule_define, name="rule_define"),
    path("conflicts/", conflicts.conflicts, name="conflicts"),
    path("conflicts/new/", conflicts.conflict_create, name="conflict_create"),
    path("conflicts/<int:conflict_id>/", conflicts.conflict_view, name="conflict"),
    path("conflicts/<int:conflict_id>/update/", conflicts.conflict_update, name="conflict_update"),
    path("notifications/", notifications.notifications, name="notifications"),
]
