"""The curriculum module format: what a module file (YAML) must contain.

These models ARE the format's schema: loading validates a file against them and
reports every problem with the file, the path inside it and what is wrong. The format
is documented for module authors in docs/module-format.md.
"""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Minutes = Annotated[int, Field(ge=1, le=600)]
Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,59}$")]
Text = Annotated[str, Field(min_length=1, max_length=4000)]
Short = Annotated[str, Field(min_length=1, max_length=300)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Resource(Strict):
    citation: Text
    url: Annotated[str, Field(max_length=500)] = ""


class Activity(Strict):
    """For items of kind "activity": what participants do, in groups of what size."""

    instructions: list[Text] = Field(min_length=1)
    group_size: Annotated[int, Field(ge=1, le=50)]
    # The fields each group records (the module's worksheet columns).
    record: list[Short] = Field(default_factory=list)
    debrief: list[Text] = Field(default_factory=list)


class Item(Strict):
    id: Id
    number: Annotated[str, Field(max_length=20)] = ""
    title: Short
    kind: Literal["talking_points", "discussion", "activity", "video", "wrap_up"]
    minutes: Minutes
    background: list[Text] = Field(default_factory=list)
    materials: list[Short] = Field(default_factory=list)
    objectives: list[Text] = Field(default_factory=list)
    talking_points: list[Text] = Field(default_factory=list)
    # For discussions: the points the facilitator should draw out of the room.
    expected_points: list[Short] = Field(default_factory=list)
    # For discussions: the question(s) put to the room.
    prompts: list[Text] = Field(default_factory=list)
    activity: Activity | None = None

    @model_validator(mode="after")
    def kind_has_its_parts(self):
        if self.kind == "discussion" and not self.expected_points:
            raise ValueError("a discussion needs expected_points")
        if self.kind == "activity" and self.activity is None:
            raise ValueError("an activity needs an activity block")
        if self.kind != "activity" and self.activity is not None:
            raise ValueError("only items of kind activity may have an activity block")
        return self


class Section(Strict):
    id: Id
    number: Annotated[str, Field(max_length=20)] = ""
    title: Short
    items: list[Item] = Field(min_length=1)


class Adaptation(Strict):
    """A way to fit the time: "less" saves ``minutes`` on ``item``; "more" adds them."""

    id: Id
    kind: Literal["less", "more"]
    item: Id
    minutes: Minutes
    summary: Short
    instructions: list[Text] = Field(default_factory=list)


class HandoutPoint(Strict):
    title: Short
    text: Text
    # For handouts that list charter policies: which policy of the charter it is
    # (one of the coalition charter's kinds, e.g. "decision_making").
    charter_policy: Annotated[str, Field(max_length=40)] = ""


class HandoutBlock(Strict):
    heading: Short
    points: list[HandoutPoint] = Field(min_length=1)


class Handout(Strict):
    id: Id
    title: Short
    introduction: list[Text] = Field(default_factory=list)
    blocks: list[HandoutBlock] = Field(min_length=1)


class Question(Strict):
    id: Id
    text: Text
    options: list[Short] = Field(min_length=2, max_length=8)
    answer: Annotated[int, Field(ge=0)]  # index into options

    @model_validator(mode="after")
    def answer_is_an_option(self):
        if self.answer >= len(self.options):
            raise ValueError(f"answer {self.answer} is not one of the {len(self.options)} options")
        return self


class RolePlayPart(Strict):
    """One role card: an organisation at a first coalition meeting."""

    organisation: Short
    actor_type: Annotated[str, Field(max_length=40)]
    interests: list[Text] = Field(min_length=1)
    concerns: list[Text] = Field(min_length=1)


class RolePlay(Strict):
    adaptation: Id  # the "more time" adaptation that runs it
    setting: Text
    agenda: list[Short] = Field(min_length=1)
    parts: list[RolePlayPart] = Field(min_length=2)


class Module(Strict):
    format: Literal[1] = 1
    id: Id
    title: Short
    source: Text  # the citation every page and printout that shows the module carries
    licence_note: Annotated[str, Field(max_length=1000)] = ""
    total_minutes: Minutes
    objectives: list[Text] = Field(min_length=1)
    resources: list[Resource] = Field(default_factory=list)
    sections: list[Section] = Field(min_length=1)
    adaptations: list[Adaptation] = Field(default_factory=list)
    handouts: list[Handout] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    role_play: RolePlay | None = None

    @model_validator(mode="after")
    def references_hold(self):
        items = [item for section in self.sections for item in section.items]
        ids = [item.id for item in items]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"item ids must be unique; repeated: {', '.join(duplicates)}")
        by_id = {item.id: item for item in items}
        for adaptation in self.adaptations:
            if adaptation.item not in by_id:
                raise ValueError(
                    f"adaptation {adaptation.id!r} names unknown item {adaptation.item!r}"
                )
            if adaptation.kind == "less" and adaptation.minutes >= by_id[adaptation.item].minutes:
                raise ValueError(
                    f"adaptation {adaptation.id!r} saves {adaptation.minutes} min on an item of "
                    f"{by_id[adaptation.item].minutes} min; it must leave at least 1 min"
                )
        total = sum(item.minutes for item in items)
        if total != self.total_minutes:
            raise ValueError(
                f"total_minutes is {self.total_minutes} but the items add up to {total}"
            )
        if self.role_play and self.role_play.adaptation not in {a.id for a in self.adaptations}:
            raise ValueError("role_play.adaptation names an unknown adaptation")
        return self

    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]
