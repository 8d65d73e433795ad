"""Schemas both the meetings and the minutes operations answer with."""

from datetime import date

from ninja import Field, Schema

from coalesce.meetings import selectors


class AgendaItemOut(Schema):
    id: int
    title: str
    minutes: int | None


class MinuteOut(Schema):
    id: int
    kind: str
    text: str
    committee_id: int | None
    due_on: date | None
    proposal_id: int | None
    task_id: int | None = Field(description="The task an action became, once closed.")
    recorded: bool = Field(description="A decision recorded when the minutes closed.")


def minute_row(item) -> dict:
    fields = {f: getattr(item, f) for f in MinuteOut.model_fields if f != "recorded"}
    return {**fields, "recorded": hasattr(item, "record")}


def minutes_of(meeting) -> dict:
    record = selectors.agenda_and_minutes(meeting)
    return {"agenda": record.agenda, "minutes": [minute_row(item) for item in record.minutes]}
