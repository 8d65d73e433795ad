"""Staff roles (administrators, custodians)."""

from ninja import Schema, Status

from coalesce.coalitions import services
from coalesce.coalitions.access import api_actor
from coalesce.coalitions.api._ops import ops
from coalesce.core.api import Body, Slug, Text


class StaffIn(Body):
    email: Text(254)
    role: Text(20)


class StaffOut(Schema):
    id: int
    email: str
    role: str

    @staticmethod
    def resolve_email(staff) -> str:
        return staff.user.email


@ops.post("/{slug}/staff", StaffOut, status=201, tags=["staff"])
def grant_staff_role(request, slug: Slug, payload: StaffIn):
    return Status(201, services.grant_staff_role(api_actor(request, slug), **payload.dict()))
