"""The curriculum module format: what a module file (YAML) must contain.

These models ARE the format's schema: loading validates a file against them and
reports every problem with the file, the path inside it and what is wrong. The format
is documented for module authors in docs/module-format.md.
"""

from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

Minutes = Annotated[int, Field(ge=1, le=600)]
Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,59}$")]
Text = Annotated[str, Field(min_length=1, max_length=4000)]
Short = Annotated[str, Field(min_length=1, max_length=300)]
Language = Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]  # ISO 639 code: en, fr, ar

# The fields whose text a translation of a module translates; every other value (ids,
# numbers, kinds, minutes, answers, charter policies, actor types, addresses) must be the
# original's, so that plans, sessions and answers hold whatever the language.
TRANSLATED_FIELDS = frozenset({
    "title", "source", "licence_note", "objectives", "citation", "background", "materials",
    "talking_points", "expected_points", "prompts", "instructions", "record", "debrief",
    "carry", "summary", "heading", "text", "introduction", "options", "setting", "agenda",
    "organisation", "interests", "concerns",
})  # fmt: skip

# The coalition charter's policy kinds (coalitions.models.PolicyKind) a handout point
# may name as its charter_policy; kept here so the format stays free of Django.
CHARTER_POLICIES = (
    "leadership",
    "decision_making",
    "membership_requirements",
    "code_of_conduct",
    "internal_communication",
    "external_communication",
    "sharing_credit",
    "shared_values_goals",
    "committee_structure",
)


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
    # What "into a real coalition" carries over: which record field names a prospective
    # partner ("partner"), a challenge ("challenge") and the strategy for it ("strategy").
    carry: dict[Literal["partner", "challenge", "strategy"], Short] = Field(default_factory=dict)

    @model_validator(mode="after")
    def carried_fields_are_recorded(self):
        for role, name in self.carry.items():
            if name not in self.record:
                raise ValueError(
                    f"carry.{role} names {name!r}, which is not one of the record fields "
                    f"({', '.join(self.record) or 'none'})"
                )
        return self


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
    number: Annotated[str, Field(max_length=20)] = ""  # as printed, e.g. "Q.12.1"
    text: Text
    options: list[Short] = Field(min_length=2, max_length=8)
    answer: Annotated[int, Field(ge=0)]  # index into options

    @field_validator("answer")
    @classmethod
    def answer_is_an_option(cls, answer, info: ValidationInfo):
        options = info.data.get("options")
        if options is not None and answer >= len(options):
            raise ValueError(
                f"answer {answer} is not one of the {len(options)} options "
                f"(they are numbered from 0 to {len(options) - 1})"
            )
        return answer


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
    language: Language = "en"  # the language its texts are written in
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
    def references_hold(self, info: ValidationInfo):
        # The loader asks to defer these checks so it can report each one at its place.
        if info.context and info.context.get("defer_reference_checks"):
            return self
        problems = self.reference_problems()
        if problems:
            raise ValueError("; ".join(f"{where}: {what}" for where, what in problems))
        return self

    def reference_problems(self) -> list[tuple[str, str]]:
        """Problems between parts of the module, as (location in the file, what is wrong)."""
        return [
            *self._repeated_item_ids(),
            *self._repeated_part_ids(),
            *self._adaptation_problems(),
            *self._total_problems(),
            *self._charter_policy_problems(),
            *self._role_play_problems(),
        ]

    def _repeated_item_ids(self):
        seen = {}
        for s, section in enumerate(self.sections):
            for i, item in enumerate(section.items):
                where = f"sections[{s}].items[{i}].id"
                if item.id in seen:
                    yield (where, f"item id {item.id!r} is already used at {seen[item.id]}")
                else:
                    seen[item.id] = where

    def _repeated_part_ids(self):
        for field in ("sections", "adaptations", "handouts", "questions"):
            first = {}
            for n, part in enumerate(getattr(self, field)):
                if part.id in first:
                    yield (
                        f"{field}[{n}].id",
                        f"id {part.id!r} is already used at {field}[{first[part.id]}]",
                    )
                first.setdefault(part.id, n)

    def _adaptation_problems(self):
        """Adaptations of unknown items, and "less" ones that would leave an item no time."""
        by_id = {item.id: item for item in self.items()}
        saved = {}
        for n, adaptation in enumerate(self.adaptations):
            item = by_id.get(adaptation.item)
            if item is None:
                yield (
                    f"adaptations[{n}].item",
                    f"adaptation {adaptation.id!r} names unknown item {adaptation.item!r} "
                    f"(items: {', '.join(by_id)})",
                )
                continue
            if adaptation.kind == "less":
                saved[item.id] = saved.get(item.id, 0) + adaptation.minutes
                if saved[item.id] >= item.minutes:
                    yield (
                        f"adaptations[{n}].minutes",
                        f"adaptation {adaptation.id!r} saves {adaptation.minutes} min on item "
                        f'{item.id!r} of {item.minutes} min (with the other "less" adaptations '
                        f"on it, {saved[item.id]} min); it must leave at least 1 min",
                    )

    def _total_problems(self):
        total = sum(item.minutes for item in self.items())
        if total != self.total_minutes:
            yield ("total_minutes", f"is {self.total_minutes} but the items add up to {total}")

    def _charter_policy_problems(self):
        for h, handout in enumerate(self.handouts):
            for b, block in enumerate(handout.blocks):
                for p, point in enumerate(block.points):
                    if point.charter_policy and point.charter_policy not in CHARTER_POLICIES:
                        yield (
                            f"handouts[{h}].blocks[{b}].points[{p}].charter_policy",
                            f"{point.charter_policy!r} is not a charter policy "
                            f"(one of: {', '.join(CHARTER_POLICIES)})",
                        )

    def _role_play_problems(self):
        if not self.role_play:
            return
        kinds = {a.id: a.kind for a in self.adaptations}
        name = self.role_play.adaptation
        if name not in kinds:
            yield ("role_play.adaptation", f"names unknown adaptation {name!r}")
        elif kinds[name] != "more":
            yield ("role_play.adaptation", f'adaptation {name!r} must be of kind "more"')

    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]
