"""The signed-in person and their API tokens."""

from datetime import datetime

from ninja import Field, Schema, Status

from coalesce.accounts import selectors, services
from coalesce.accounts.api_auth import operations, user_of
from coalesce.core.api import Body, PathId, Text
from coalesce.core.localisation import MAX_LANGUAGE, MAX_TIME_ZONE

ops = operations("accounts")
router = ops.router


class MeOut(Schema):
    id: int
    email: str
    display_name: str
    language: str = Field(description="Its code (en, fr, es, ar); empty: the browser's.")
    time_zone: str = Field(description="An IANA name; empty: each coalition's zone.")


class MePatch(Body):
    display_name: Text(120) | None = None
    language: Text(MAX_LANGUAGE) | None = None
    time_zone: Text(MAX_TIME_ZONE) | None = None


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None = None


class TokenCreated(TokenOut):
    token: str = Field(description="The token itself: shown once, store it now.")


class TokenIn(Body):
    name: str = Field(min_length=1, max_length=services.MAX_API_TOKEN_NAME)


@ops.get("/me", MeOut)
def get_me(request):
    return user_of(request)


@ops.patch("/me", MeOut)
def update_me(request, payload: MePatch):
    user = user_of(request)
    services.update_account(user, **payload.dict(exclude_none=True))
    return user


@ops.get("/tokens", list[TokenOut])
def list_tokens(request):
    return list(selectors.api_tokens(user_of(request)))


@ops.post("/tokens", TokenCreated, status=201)
def create_token(request, payload: TokenIn):
    token, raw = services.issue_api_token(user_of(request), payload.name)
    return Status(201, {**TokenOut.from_orm(token).dict(), "token": raw})


@ops.delete("/tokens/{token_id}")
def revoke_token(request, token_id: PathId):
    services.revoke_api_token(user_of(request), token_id)
    return Status(204, None)
