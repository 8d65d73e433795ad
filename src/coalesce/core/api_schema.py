"""What every JSON request body of the API is built from.

``Body`` is the base of every input schema (and of the objects nested in one). ninja's
``Schema`` reads fields from any object's attributes, so a body of ``5``, ``[]`` or
``"x"`` would pass as an object with every field missing — an all-optional schema would
accept it as ``{}``. ``Body`` refuses anything but a JSON object; the answer is the
usual 422 with ``field`` naming the body (or the nested field).

Booleans are ``Flag`` (strict): ``0`` or ``"no"`` is not the documented boolean.
"""

from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Schema
from ninja.schema import DjangoGetter
from pydantic import Strict, model_validator
from pydantic_core import PydanticCustomError

Flag = Annotated[bool, Strict()]


class Body(Schema):
    @model_validator(mode="before")
    @classmethod
    def _a_json_object(cls, value):
        raw = value._obj if isinstance(value, DjangoGetter) else value
        if not isinstance(raw, dict | cls):
            raise PydanticCustomError("not_an_object", _("Send a JSON object here."))
        return value
