"""Schemas both kinds of caller of the live-session operations answer or send."""

from typing import Annotated

from ninja import Field, Path, Schema

from coalesce.core.api import MAX_ID, Text, text_keys

Id = Annotated[int, Path(ge=1, le=MAX_ID)]
Choice = Annotated[int, Field(ge=-1000, le=1000)]
Answers = Annotated[
    dict[Text(60), Choice | None],
    Field(
        max_length=100,
        description="Question id → the chosen option's index (from 0).",
        json_schema_extra=text_keys,
    ),
]


class GroupOut(Schema):
    id: int
    number: int
    members: list[str] = Field(description="Display names, or codes when anonymous.")
    record: dict[str, str]

    @staticmethod
    def resolve_record(group) -> dict[str, str]:
        return {str(k): str(v) for k, v in (group.record or {}).items()}


class StoredOut(Schema):
    phase: str
    answered: int = Field(description="How many questions were answered.")
