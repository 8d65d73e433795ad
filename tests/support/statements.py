"""Joint statements in the standard world, built through the services: a draft under
comment, one open for signature and one published (for the matrices, leaks, budgets and
the statements tests)."""

from datetime import timedelta

from django.test import override_settings

FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"  # as tests/conftest.py

SIGNING_TEXT = "We, the undersigned, call for **independent** police oversight."


def actor(world, role):
    from coalesce.coalitions.policy import actor_for

    return actor_for(world.users.get(role), world.coalition)


def approval_category(world):
    """A "Press statements" category: consent of the steering committee."""
    from coalesce.decisions import services as decide

    steering = actor(world, "steering")
    category = decide.create_category(steering, name="Press statements")
    decide.define_rule(
        steering,
        category.id,
        method="consent",
        electorate="steering",
        quorum_percent=50,
        window_hours=48,
    )
    return category


def approve(world, statement, position="consent", reason=""):
    """The steering committee (the world's one seat) decides; the decision is closed
    with the decisions service, as the task worker would once the window ends."""
    from coalesce.decisions import services as decide

    proposal = statement.proposal
    decide.cast(actor(world, "steering"), proposal.id, position=position, reason=reason)
    decide.close_proposal(proposal.id, now=proposal.closes_at + timedelta(seconds=1))
    statement.refresh_from_db()
    return statement


def approved_statement(world, category, *, title="On police oversight", text=SIGNING_TEXT):
    """A statement by the member, locked at once (no comment window) and approved."""
    from coalesce.statements import services

    member = actor(world, "member")
    statement = services.create_statement(member, title=title, text=text, comment_days=0)
    services.lock_statement(member, statement.id, category_id=category.id)
    statement.refresh_from_db()
    return approve(world, statement)


def logo_png(width=60, height=30, color=(200, 40, 90), image_format="PNG", **save) -> bytes:
    """A small image for a signatory's logo."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, format=image_format, **save)
    return out.getvalue()


def sign_as(world, role, statement, mode="named", logo=None):
    """Sign as the membership of ``role``; signing "with our logo" brings one."""
    from coalesce.statements import services

    if mode == "logo" and logo is None:
        logo = logo_png()
    return services.sign(
        actor(world, role),
        statement.id,
        membership_id=world.memberships[role].id,
        mode=mode,
        text_hash=statement.locked_hash,
        logo=logo,
    )


def statement_targets(world) -> dict:
    from coalesce.statements import services

    category = approval_category(world)
    draft = services.create_statement(
        actor(world, "member"), title="Draft on prisons", text="Prisons need oversight too."
    )
    services.add_comment(actor(world, "chair"), draft.id, body="Add a line on remand.")
    signing = approved_statement(world, category)
    sign_as(world, "member", signing)
    published = approved_statement(world, category, title="On vetting", text="Vet every officer.")
    sign_as(world, "member", published)
    sign_as(world, "chair", published, mode="unnamed")
    with_logo = sign_as(world, "steering", published, mode="logo")
    services.publish_statement(actor(world, "steering"), published.id)
    return {
        "statement_logo": with_logo.id,
        "statement_category": category.id,
        "statement_draft": draft.id,
        "statement_signing": signing.id,
        "statement_published": published.id,
    }


def add_statements(world, n):
    from coalesce.statements import services

    member = actor(world, "member")
    for i in range(n):
        services.create_statement(member, title=f"Statement {i}", text=f"Text {i}.")


def add_comments(world, statement_id, n):
    from coalesce.statements import services

    chair = actor(world, "chair")
    for i in range(n):
        services.add_comment(chair, statement_id, body=f"Comment {i}.")


def add_signatures(world, statement_id, n):
    """``n`` more public member organisations, each with a representative, sign."""
    from coalesce.coalitions.models import Visibility
    from coalesce.coalitions.policy import actor_for
    from coalesce.statements import services
    from coalesce.statements.models import Statement
    from tests.support import factories as f

    statement = Statement.objects.get(pk=statement_id)
    start = statement.signatures.count()
    for i in range(start, start + n):
        with override_settings(PASSWORD_HASHERS=[FAST_HASHER]):
            user = f.make_user(f"signer{i}@example.org", f"Signer {i}")
        membership = f.make_member(
            world.coalition, user=user, name=f"Signing Org {i}", visibility=Visibility.PUBLIC
        )
        services.sign(
            actor_for(user, world.coalition),
            statement.id,
            membership_id=membership.id,
            mode="named" if i % 2 else "unnamed",
            text_hash=statement.locked_hash,
        )
