"""Joint statements for the demo coalition: one published, signed by four member
organisations in four ways (one counted but unnamed), and one draft under comment —
through the services, with its approval a decision in the "Joint statements" category
adopted by the steering committee through the decisions services.

Dates: the published statement's draft was written a week ago (its three working days
of comments are over); its decision is opened, voted on and closed now. Text and names
are fictional.
"""

import io
from datetime import timedelta

from django.utils import timezone
from PIL import Image, ImageDraw

from coalesce.accounts.models import User
from coalesce.coalitions.models import Membership, Visibility
from coalesce.coalitions.policy import actor_for
from coalesce.decisions import services as decisions
from coalesce.decisions.models import Category
from coalesce.demo.logins import LOGINS
from coalesce.statements import services

PUBLISHED_TITLE = "Civilian oversight of the police must be independent"
PUBLISHED_DRAFT = (
    "We, member organisations of the coalition, call on Parliament to keep the Police "
    "Oversight Authority independent of the Ministry.\n\n"
    "- Its board must be appointed through an open, competitive process.\n"
    "- Its budget must be voted by Parliament."
)
PUBLISHED_TEXT = PUBLISHED_DRAFT + (
    "\n- Its reports on complaints must be published within six months."
)
DRAFT_TITLE = "Safe custody for women and girls"
DRAFT_TEXT = (
    "Every police station must have a private room and a female officer on duty to "
    "receive women and girls who report violence."
)
# login -> how its organisation signs (a pseudonymous membership signs under its alias)
SIGNERS = {"admin": "logo", "steering": "named", "chair": "alias", "member": "unnamed"}


def demo_logo() -> bytes:
    """A plain logo for the demo's founding organisation: two bars on a teal square."""
    image = Image.new("RGB", (96, 48), (14, 116, 120))
    draw = ImageDraw.Draw(image)
    draw.rectangle((12, 12, 84, 20), fill=(255, 255, 255))
    draw.rectangle((12, 28, 60, 36), fill=(250, 204, 21))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _actors(coalition) -> dict:
    return {
        role: actor_for(User.objects.get(email=LOGINS[role][0]), coalition)
        for role in ("admin", "steering", "chair", "member")
    }


def _mode(actor, wanted) -> tuple[int, str]:
    membership = Membership.objects.get(pk=min(actor.own_membership_ids))
    if membership.visibility == Visibility.PSEUDONYMOUS:
        return membership.id, "alias"
    if wanted == "alias" and not membership.alias:
        return membership.id, "named"
    return membership.id, wanted


def load(coalition) -> None:
    """Create the demo's statements (once, after ``demo.decisions``)."""
    actors = _actors(coalition)
    category = Category.objects.get(coalition=coalition, name="Joint statements")
    week_ago = timezone.now() - timedelta(days=7)
    steering = actors["steering"]
    published = services.create_statement(
        steering, title=PUBLISHED_TITLE, text=PUBLISHED_DRAFT, now=week_ago
    )
    services.add_comment(
        actors["chair"],
        published.id,
        body="Could we add a deadline for the Authority's reports?",
        now=week_ago + timedelta(hours=3),
    )
    services.edit_statement(
        steering, published.id, text=PUBLISHED_TEXT, now=week_ago + timedelta(hours=5)
    )
    services.lock_statement(steering, published.id, category_id=category.id)
    published.refresh_from_db()
    proposal = published.proposal
    for role in ("steering", "admin"):
        decisions.cast(actors[role], proposal.id, position="agree")
    decisions.close_proposal(proposal.id, now=proposal.closes_at + timedelta(seconds=1))
    published.refresh_from_db()
    for role, wanted in SIGNERS.items():
        membership_id, mode = _mode(actors[role], wanted)
        services.sign(
            actors[role],
            published.id,
            membership_id=membership_id,
            mode=mode,
            text_hash=published.locked_hash,
            logo=demo_logo() if mode == "logo" else None,
        )
    services.publish_statement(actors["admin"], published.id)

    draft = services.create_statement(actors["member"], title=DRAFT_TITLE, text=DRAFT_TEXT)
    services.add_comment(
        actors["steering"], draft.id, body="Should we name the stations where this is missing?"
    )
