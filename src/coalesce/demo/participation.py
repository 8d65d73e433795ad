"""The demo coalition's participation: the steering committee's expectations of each
member under the code of conduct, and one conduct review of a member that has taken no
part in the period — written through the services, like the steering committee would.
Everything is invented."""

from coalesce.accounts.models import User
from coalesce.coalitions.models import Coalition
from coalesce.coalitions.policy import actor_for
from coalesce.demo.logins import LOGINS
from coalesce.participation import selectors, services

REVIEW_NOTE = (
    "We called the member's contact person: their staff were away on a field mission. "
    "They will send someone to the next general meeting and **reply to the next vote**."
)


def load(coalition: Coalition) -> None:
    steering = actor_for(User.objects.get(email=LOGINS["steering"][0]), coalition)
    services.set_expectations(steering, min_vote_share=50, min_attendance_share=50, period_months=6)
    quiet = [r for r in selectors.listing(steering, not_taken_part=True).rows if r.took_no_part]
    if quiet:
        services.record_review(steering, quiet[0].member.id, note=REVIEW_NOTE, outcome="reminder")
