"""The credit pages, under /c/<slug>/credit/."""

from django.urls import path

from coalesce.credit.web import pages

app_name = "credit"

urlpatterns = [
    path("", pages.outputs, name="outputs"),
    path("outputs/", pages.output_add, name="output_add"),
    path("outputs/<int:output_id>/", pages.output, name="output"),
    path("outputs/<int:output_id>/contribute/", pages.contribute, name="contribute"),
    path("contributions/<int:contribution_id>/credit/", pages.consent, name="consent"),
    path("policy/", pages.policy_edit, name="policy"),
    path("equity/", pages.equity, name="equity"),
]
