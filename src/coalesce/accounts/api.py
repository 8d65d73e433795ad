"""The signed-in person and their API tokens."""

from datetime import datetime
from typing import Annotated

from ninja import Field, Path, Router, Schema, Status
from ninja.responses import codes_4xx

from coalesce.accounts import services
from coalesce.accounts.api_auth import PROTECTED, user_of
from coalesce.accounts.models import ApiToken
from coalesce.core.api_schema import Body

router = Router(auth=PROTECTED, tags=["accounts"])

ERRORS = frozenset(codes_4xx | {422})


class ErrorOut(Schema):
    detail: str
    field: str | None = None


class MeOut(Schema):
    id: int
    email: str
    display_name: str


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


def _token_out(token: ApiToken) -> dict:
    return {
        "id": token.id,
        "name": token.name,
        "prefix": token.prefix,
        "created_at": token.created_at,
        "last_used_at": token.last_used_at,
    }


@router.get("/me", response={200: MeOut, ERRORS: ErrorOut}, operation_id="get_me")
def me(request):
    user = user_of(request)
    return {"id": user.id, "email": user.email, "display_name": user.display_name}


@router.get("/tokens", response={200: list[TokenOut], ERRORS: ErrorOut}, operation_id="list_tokens")
def list_tokens(request):
    tokens = ApiToken.objects.filter(user=user_of(request)).order_by("-created_at", "-id")
    return [_token_out(t) for t in tokens]


@router.post("/tokens", response={201: TokenCreated, ERRORS: ErrorOut}, operation_id="create_token")
def create_token(request, payload: TokenIn):
    token, raw = services.issue_api_token(user_of(request), payload.name)
    return Status(201, {**_token_out(token), "token": raw})


@router.delete(
    "/tokens/{token_id}", response={204: None, ERRORS: ErrorOut}, operation_id="revoke_token"
)
def revoke_token(request, token_id: Annotated[int, Path(ge=1, le=2**31 - 1)]):
    services.revoke_api_token(user_of(request), token_id)
    return Status(204, None)
