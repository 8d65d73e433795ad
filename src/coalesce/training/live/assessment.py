"""Scoring the module's questions as a pre-test and a post-test. No timers, no speed.

Input is plain data (the module's questions and (participant, phase, question,
choice) answers); output is what the results page, the charts, the CSV and the API
show. A question a participant left blank counts as not correct.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

PHASES = ("pre", "post")


@dataclass(frozen=True)
class Answer:
    participant: str  # the participant's label: display name, or code when anonymous
    phase: str
    question_id: str
    choice: int


@dataclass(frozen=True)
class ParticipantScore:
    participant: str
    pre: int | None  # correct answers, None when the participant did not take that test
    post: int | None
    out_of: int

    @property
    def change(self) -> int | None:
        if self.pre is None or self.post is None:
            return None
        return self.post - self.pre


@dataclass(frozen=True)
class QuestionResult:
    question_id: str
    number: str
    text: str
    answered: dict  # phase → how many answered
    correct: dict  # phase → how many correct
    most_chosen_wrong: dict  # phase → (option text, count) or None

    def share_correct(self, phase) -> float | None:
        n = self.answered.get(phase, 0)
        return self.correct.get(phase, 0) / n if n else None


@dataclass(frozen=True)
class Results:
    participants: tuple[ParticipantScore, ...]
    questions: tuple[QuestionResult, ...]
    out_of: int

    def mean(self, phase) -> float | None:
        scores = [getattr(p, phase) for p in self.participants if getattr(p, phase) is not None]
        return sum(scores) / len(scores) if scores else None

    def takers(self, phase) -> int:
        return sum(1 for p in self.participants if getattr(p, phase) is not None)

    @property
    def mean_change(self) -> float | None:
        changes = [p.change for p in self.participants if p.change is not None]
        return sum(changes) / len(changes) if changes else None


def score(questions: Sequence, answers: Iterable[Answer], participants: Sequence[str]) -> Results:
    """Scores per participant and per question; ``participants`` fixes their order."""
    key = {q.id: q.answer for q in questions}
    took: dict[tuple[str, str], int] = {}
    answered = Counter()
    correct = Counter()
    wrong = {(q.id, phase): Counter() for q in questions for phase in PHASES}
    for a in answers:
        if a.question_id not in key or a.phase not in PHASES:
            continue
        took.setdefault((a.participant, a.phase), 0)
        answered[(a.question_id, a.phase)] += 1
        if a.choice == key[a.question_id]:
            took[(a.participant, a.phase)] += 1
            correct[(a.question_id, a.phase)] += 1
        else:
            wrong[(a.question_id, a.phase)][a.choice] += 1
    out_of = len(questions)
    scores = tuple(
        ParticipantScore(p, took.get((p, "pre")), took.get((p, "post")), out_of)
        for p in participants
    )
    results = []
    for q in questions:
        worst = {}
        for phase in PHASES:
            counts = wrong[(q.id, phase)]
            if counts:
                choice, n = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))
                worst[phase] = (q.options[choice] if choice < len(q.options) else "?", n)
            else:
                worst[phase] = None
        results.append(
            QuestionResult(
                question_id=q.id,
                number=q.number,
                text=q.text,
                answered={ph: answered[(q.id, ph)] for ph in PHASES},
                correct={ph: correct[(q.id, ph)] for ph in PHASES},
                most_chosen_wrong=worst,
            )
        )
    return Results(participants=scores, questions=tuple(results), out_of=out_of)
