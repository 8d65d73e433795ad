"""What every JSON operation is built from: input types, the error schema, and one way to
declare an operation.

``Body`` is the base of every input schema (and of the objects nested in one). ninja's
``Schema`` reads fields from any object's attributes, so a body of ``5``, ``[]`` or
``"x"`` would pass as an object with every field missing — an all-optional schema would
accept it as ``{}``. ``Body`` refuses anything but a JSON object; the answer is the
usual 422 with ``field`` naming the body (or the nested field).

Booleans are ``Flag`` (strict): ``0`` or ``"no"`` is not the documented boolean. Text is
``Text(max_length)``: no NUL character, valid UTF-8, the limit in the document.

``Operations`` declares an app's operations saying only what differs between them: the
operation id is the function's name, every error status answers ``ErrorOut``.
"""

from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema
from ninja.responses import codes_4xx
from ninja.schema import DjangoGetter
from pydantic import AfterValidator, Strict, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

Flag = Annotated[bool, Strict()]

MAX_ID = 2**31 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
Slug = Annotated[str, Path(max_length=60)]
# A page of a long list: where it starts and how many rows, the same bounds everywhere.
Offset = Annotated[int, Field(ge=0, le=1_000_000)]
Limit = Annotated[int, Field(ge=1, le=200)]

# Every error answer is ErrorOut; 422 (schema validation) is not in ninja's codes_4xx.
ERRORS = frozenset(codes_4xx | {422})
# Public operations also answer callers without credentials.
ANONYMOUS_WELCOME = {"security": [{}]}
# Operations for people without an account (a live session's participants, who send
# their own token header instead).
NO_ACCOUNT = {"security": []}

# No NUL character: documented as a pattern, so the document says what is refused.
NO_NUL = r"^[^\x00]*$"


class Body(Schema):
    @model_validator(mode="before")
    @classmethod
    def _a_json_object(cls, value):
        raw = value._obj if isinstance(value, DjangoGetter) else value
        if not isinstance(raw, dict | cls):
            raise PydanticCustomError("not_an_object", _("Send a JSON object here."))
        return value


class Page(Schema):
    """The head of a page of a long list; a subclass adds its ``items``."""

    total: int
    offset: int
    limit: int


def page_of(rows, total: int, filters, item=lambda row: row) -> dict:
    """A ``Page`` answer: one page's ``rows`` (each through ``item``) after its head;
    ``filters`` carries the ``offset`` and ``limit`` asked for."""
    return {
        "total": total,
        "offset": filters.offset,
        "limit": filters.limit,
        "items": [item(row) for row in rows],
    }


class ErrorOut(Schema):
    detail: str
    field: str | None = None


def _plain_text(value: str) -> str:
    if "\x00" in value:
        raise ValueError("This text contains a character that is not allowed.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError("This text is not valid UTF-8.") from error
    return value


def Text(max_length: int):  # noqa: N802 — a type factory
    return Annotated[
        str,
        StringConstraints(max_length=max_length, pattern=NO_NUL),
        AfterValidator(_plain_text),
    ]


def text_keys(schema: dict) -> None:
    """The document of a mapping whose keys are ``Text``: pydantic writes the keys'
    pattern as ``patternProperties``, which lets a key that breaks it through with any
    value, undocumented; say it in ``propertyNames`` and the values in
    ``additionalProperties``. Pass as ``Field(json_schema_extra=text_keys)``."""
    patterns = schema.pop("patternProperties", None)
    if patterns:
        ((pattern, values),) = patterns.items()
        schema["propertyNames"] = {**schema.get("propertyNames", {}), "pattern": pattern}
        schema["additionalProperties"] = values


class Operations:
    """One app's operations on one router.

    ``ops.get(path, Out)`` answers 200 with ``Out``; ``status=`` another success status;
    ``out`` may also be a dict of statuses (``{200: Out, 201: Out}``) or None (204, no
    body). Every error status answers ``ErrorOut``. ``anonymous=True`` also answers
    callers without credentials; ``no_account=True`` takes no account credentials at
    all (the operation authenticates its caller itself). Anything else (``summary``,
    ``description``, ``tags``, …) passes to ninja unchanged.
    """

    def __init__(self, *, auth, anonymous_auth=None, tag: str | None = None):
        self.router = Router(auth=auth, tags=[tag] if tag else None)
        self.anonymous_auth = anonymous_auth

    def _declare(self, method, path, out, *, status, anonymous, no_account, errors, extra):
        responses = dict(out) if isinstance(out, dict) else {status: out}
        responses[errors] = ErrorOut
        if anonymous:
            extra |= {"auth": self.anonymous_auth, "openapi_extra": ANONYMOUS_WELCOME}
        if no_account:
            extra |= {"auth": None, "openapi_extra": NO_ACCOUNT}

        def declare(view):
            return self.router.api_operation(
                [method], path, response=responses, operation_id=view.__name__, **extra
            )(view)

        return declare

    def operation(
        self,
        method: str,
        path: str,
        out=None,
        *,
        status: int = 200,
        anonymous: bool = False,
        no_account: bool = False,
        errors=ERRORS,
        **extra,
    ):
        if out is None and status == 200:
            status = 204
        return self._declare(
            method,
            path,
            out,
            status=status,
            anonymous=anonymous,
            no_account=no_account,
            errors=errors,
            extra=extra,
        )

    def get(self, path, out=None, **options):
        return self.operation("GET", path, out, **options)

    def post(self, path, out=None, **options):
        return self.operation("POST", path, out, **options)

    def put(self, path, out=None, **options):
        return self.operation("PUT", path, out, **options)

    def patch(self, path, out=None, **options):
        return self.operation("PATCH", path, out, **options)

    def delete(self, path, out=None, **options):
        return self.operation("DELETE", path, out, **options)
