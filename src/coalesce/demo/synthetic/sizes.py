"""How many of each thing the synthetic coalition holds at a given factor."""

from dataclasses import dataclass

from coalesce.coalitions.models import ActorType


@dataclass(frozen=True)
class Sizes:
    organisations: int
    individuals: int
    people: int
    countries: int
    committees: int
    proposals: int
    ballots: int
    big_proposals: int
    open_proposals: int
    drafts: int
    voters: int
    audit_events: int

    @classmethod
    def for_factor(cls, factor: float) -> "Sizes":
        def scale(n, low=1):
            return max(low, round(n * factor))

        organisations = scale(1500, len(ActorType.values))
        individuals = scale(200, 2)
        return cls(
            organisations=organisations,
            individuals=individuals,
            people=max(scale(20_000), organisations + individuals),
            countries=min(100, organisations),
            committees=scale(50, 3),
            proposals=scale(2000, 10),
            ballots=scale(200_000, 100),
            big_proposals=min(20, scale(20)),
            open_proposals=scale(40, 2),
            drafts=scale(20, 1),
            voters=max(1, min(64, organisations - 3)),
            audit_events=scale(2000, 10),
        )
