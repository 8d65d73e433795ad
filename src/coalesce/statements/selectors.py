"""Reads of joint statements, for pages and the API alike, filtered by what the reader may
see. Who signed is shown here only: a signature is named as its member consented
(named, with logo, under its alias, or counted but unnamed) *and* as far as the reader
may see that member (``coalitions.policy``), so an organisation that chose "counted but
unnamed", or whose identity the reader may not see, is in the count and nowhere else."""

from base64 import b64encode
from dataclasses import dataclass, field, replace

from django.db.models import Count, Exists, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from coalesce.coalitions import policy as coalition_policy
from coalesce.coalitions.models import Membership, MembershipStatus, Visibility
from coalesce.core.errors import NotFound
from coalesce.credit import selectors as credit
from coalesce.credit.models import Contribution
from coalesce.decisions.selectors import comment_authors
from coalesce.statements import policy, rules
from coalesce.statements.models import (
    SignatoryLogo,
    Signature,
    SignatureMode,
    Statement,
    StatementComment,
    StatementStatus,
    StatementVersion,
)

SIGNED_STATUSES = (StatementStatus.SIGNING, StatementStatus.PUBLISHED)
MAX_ROWS = 500


def _consented_count():
    return Coalesce(
        Subquery(
            Signature.objects.filter(
                statement=OuterRef("pk"),
                text_hash=OuterRef("locked_hash"),
                membership__status=MembershipStatus.ACTIVE,
            )
            .order_by()
            .values("statement")
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


def statements(actor) -> list[Statement]:
    """The coalition's statements, newest first, each with ``signed`` (how many members
    consented to its locked text: names are not needed for a count)."""
    policy.require(actor, "statements.list")
    return list(
        Statement.objects.filter(coalition=actor.coalition).annotate(signed=_consented_count())[
            :MAX_ROWS
        ]
    )


def statement(actor, statement_id) -> Statement:
    found = (
        Statement.objects.filter(coalition=actor.coalition, pk=statement_id)
        .select_related("locked_version", "proposal", "proposal__category", "output")
        .first()
    )
    if found is None:
        raise NotFound()
    policy.require(actor, "statement.view", found)
    return found


def published(actor, statement_id) -> Statement:
    """A published statement, for its public page and PDF (anybody who may see the
    coalition); 404 for any other. ``has_contributions``: whether its credit output has
    any (``acknowledgement`` reads nothing more when not)."""
    found = (
        Statement.objects.filter(coalition=actor.coalition, pk=statement_id)
        .select_related("locked_version", "output")
        .annotate(has_contributions=Exists(Contribution.objects.filter(output=OuterRef("output"))))
        .first()
    )
    policy.require(actor, "statement.public", found)
    return found


def versions(statement) -> list[StatementVersion]:
    """Every version, newest first, each with its ``comments``; authors are labelled
    (``author_label``) as decisions labels its comments: the alias of a pseudonymous
    member, "A member" for a hidden one."""
    found = list(
        statement.versions.prefetch_related(
            Prefetch("comments", queryset=StatementComment.objects.order_by("created_at", "id"))
        )
    )
    user_ids = {v.author_id for v in found} | {c.author_id for v in found for c in v.comments.all()}
    labels = comment_authors(statement.coalition_id, user_ids - {None})
    for version in found:
        version.author_label = labels.get(version.author_id, "")
        for comment in version.comments.all():
            comment.author_label = labels.get(comment.author_id, "")
    return found


def comment_window_closes(statement, version):
    return rules.add_working_days(timezone.localtime(version.created_at), statement.comment_days)


@dataclass(frozen=True)
class Signatory:
    name: str
    logo: object = None  # the SignatoryLogo (without its image) where shown with it
    signature_id: int = 0
    src: str = ""  # the logo's image inline (a data: URL), for the PDF, which fetches nothing


@dataclass(frozen=True)
class Signatories:
    names: list = field(default_factory=list)  # of Signatory: those the reader may see
    count: int = 0  # every member that consented to the locked text
    awaiting: int = 0  # signatures of an earlier text, waiting for re-consent


def shown_name(reader, signature) -> str:
    """The name ``reader`` sees for a consented signature; "" when it is only counted."""
    membership = signature.membership
    if signature.mode == SignatureMode.UNNAMED:
        return ""
    if signature.mode == SignatureMode.ALIAS:
        listed = coalition_policy.is_listed(reader, membership)
        return membership.alias if (listed and membership.alias) else ""
    if coalition_policy.sees_identity(reader, membership):
        return membership.real_name
    return ""


def _consented(statement):
    """The signatures of active members, and which of them consented to the locked text."""
    found = list(
        Signature.objects.filter(statement=statement, membership__status=MembershipStatus.ACTIVE)
        .select_related(
            "membership__organisation", "membership__person", "membership__signatory_logo"
        )
        .defer("membership__signatory_logo__png")
        .order_by("id")
    )
    return found, [s for s in found if s.text_hash == statement.locked_hash]


def _logo(signature):
    if signature.mode != SignatureMode.LOGO:
        return None
    return getattr(signature.membership, "signatory_logo", None)


def signatories(reader, statement) -> Signatories:
    if statement.status not in SIGNED_STATUSES:
        return Signatories()
    found, consented = _consented(statement)
    names = []
    for signature in consented:
        name = shown_name(reader, signature)
        if name:
            names.append(Signatory(name, _logo(signature), signature.id))
    names.sort(key=lambda row: row.name.casefold())
    return Signatories(names, len(consented), len(found) - len(consented))


def with_inline_logos(found: Signatories) -> Signatories:
    """``found`` with each logo's image inline, for the PDF (one query)."""
    pngs = dict(
        SignatoryLogo.objects.filter(pk__in=[s.logo.pk for s in found.names if s.logo]).values_list(
            "pk", "png"
        )
    )
    names = [
        replace(s, src=f"data:image/png;base64,{b64encode(bytes(pngs[s.logo.pk])).decode()}")
        if s.logo and s.logo.pk in pngs
        else s
        for s in found.names
    ]
    return replace(found, names=names)


def signed_statement(actor, statement_id) -> Statement:
    """A statement whose signatories the actor may read: one it may view, or a published
    one (its public page); NotFound otherwise."""
    found = Statement.objects.filter(coalition=actor.coalition, pk=statement_id).first()
    if found is not None and (
        policy.allows(actor, "statement.view", found)
        or policy.allows(actor, "statement.public", found)
    ):
        return found
    raise NotFound()


def signatory_logo(reader, statement, signature_id) -> SignatoryLogo:
    """The logo of one signatory, for a reader who sees it named with its logo on this
    statement (``signatories``); NotFound otherwise."""
    for signatory in signatories(reader, statement).names:
        if signatory.signature_id == signature_id and signatory.logo is not None:
            return SignatoryLogo.objects.get(pk=signatory.logo.pk)
    raise NotFound()


@dataclass(frozen=True)
class OwnSignature:
    membership_id: int
    name: str  # the reader's own membership: its real name
    has_alias: bool
    pseudonymous: bool
    public: bool
    signature: object  # Signature or None
    current: bool  # signed the text as it is now


def own_signatures(actor, statement) -> list[OwnSignature]:
    """The actor's active memberships and how each has signed this statement."""
    memberships = Membership.objects.filter(
        pk__in=actor.own_membership_ids, status=MembershipStatus.ACTIVE
    ).select_related("organisation", "person")
    signed = {
        s.membership_id: s
        for s in Signature.objects.filter(statement=statement, membership__in=memberships)
    }
    rows = []
    for membership in memberships:
        signature = signed.get(membership.id)
        rows.append(
            OwnSignature(
                membership_id=membership.id,
                name=membership.real_name,
                has_alias=bool(membership.alias),
                pseudonymous=membership.visibility == Visibility.PSEUDONYMOUS,
                public=membership.visibility == Visibility.PUBLIC,
                signature=signature,
                current=signature is not None and signature.text_hash == statement.locked_hash,
            )
        )
    return rows


def acknowledgement(reader, statement) -> str:
    """The acknowledgement line under a statement read with ``published``, from the
    credit policy and the contributions recorded against it, as ``reader`` may see them
    ("" when none: ``published`` already knows whether there are any)."""
    if not statement.has_contributions:
        return ""
    return credit.acknowledgement_line(reader, statement.output).text
