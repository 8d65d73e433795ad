"""Meeting scheduler benchmark: ``meetings.scheduling.propose`` on a large poll.

    .venv/bin/python -m bench.scheduler [--invitees 1500] [--repeats 7]

1. A poll with a fixed seed: ``--invitees`` people of about 600 member organisations
   (1–5 people each) in 12 time zones, 100 one-hour or two-hour slots over four weeks,
   20 venues (2 online, capacities 20–400), 3 quorums (two of member organisations, one
   of people), about 5 % of the invitees marking 1–2 of six sensitive venues, a history
   for everyone.
   Each person answers every slot (yes / if need be / no).
2. ``propose`` timed ``--repeats`` times, with and without remote seats (the median and
   the best); the target is under a second.
3. Beside each run, a bare baseline: one pass over the same answers that counts the
   "yes" per slot. The report gives the median as a ratio to the baseline's median.

No database. Results go to bench/results/scheduler.{md,json}.
"""

import argparse
import json
import random
import statistics
import time
from datetime import UTC, datetime, timedelta

from bench.common import RESULTS, machine

ZONES = [
    "UTC",
    "Europe/London",
    "Europe/Belgrade",
    "Europe/Kyiv",
    "Africa/Nairobi",
    "Africa/Lagos",
    "Asia/Kolkata",
    "Asia/Bangkok",
    "America/Bogota",
    "America/New_York",
    "America/Mexico_City",
    "Pacific/Auckland",
]
SLOTS, VENUES = 100, 20
# The venues some invitees may mark (a police station, a ministry…): marks gather on a
# few places rather than spread over every room.
SENSITIVE = range(2, 8)


def build_poll(invitees: int, rng: random.Random) -> dict:
    from coalesce.meetings.scheduling import Answer, Invitee, Quorum, Slot, Venue

    start = datetime(2027, 3, 1, 6, tzinfo=UTC)
    slots = [
        Slot(n, at := start + timedelta(hours=7 * n), at + timedelta(hours=rng.choice((1, 2))))
        for n in range(SLOTS)
    ]
    venues = [Venue(n, n < 2, None if n < 2 else rng.randint(20, 400)) for n in range(VENUES)]
    people, member = [], 0
    while len(people) < invitees:
        size = rng.choices((1, 2, 3, 4, 5), (30, 25, 20, 15, 10))[0]
        people += [member] * min(size, invitees - len(people))
        member += 1
    weights = (Answer.YES, Answer.IF_NEED_BE, Answer.NO)
    found = []
    for person, member_id in enumerate(people):
        eager = rng.random()
        answers = {s.key: rng.choices(weights, (eager, 0.2, 1 - eager))[0] for s in slots}
        marks = frozenset(rng.sample(SENSITIVE, rng.randint(1, 2)))
        found.append(
            Invitee(
                person=person,
                member=member_id,
                time_zone=ZONES[member_id % len(ZONES)],
                answers=answers,
                unsafe_venues=marks if rng.random() < 0.05 else frozenset(),
            )
        )
    members = sorted(set(people))
    quorums = [
        Quorum("Steering", frozenset(rng.sample(members, 15)), "member", 8),
        Quorum("Lobbying", frozenset(rng.sample(members, 60)), "member", 25),
        Quorum("Finance", frozenset(rng.sample(range(len(people)), 40)), "person", 15),
    ]
    history = {person: rng.choice((0, 0, 0, 1, 2)) for person in range(len(people))}
    return {
        "slots": slots,
        "venues": venues,
        "invitees": found,
        "quorums": quorums,
        "history": history,
        "members": len(members),
        "marking": sum(1 for i in found if i.unsafe_venues),
    }


def baseline(invitees) -> float:
    """The bare work: one pass over every answer, counting the yes per slot."""
    started = time.perf_counter()
    counts: dict[int, int] = {}
    for invitee in invitees:
        for slot, answer in invitee.answers.items():
            if answer == "yes":
                counts[slot] = counts.get(slot, 0) + 1
    return time.perf_counter() - started


def run(poll, remote_allowed: bool, repeats: int) -> dict:
    from coalesce.meetings.scheduling import explain, propose

    timings, bare, schedule = [], [], None
    for _ in range(repeats):
        bare.append(baseline(poll["invitees"]))
        started = time.perf_counter()
        schedule = propose(
            poll["slots"],
            poll["venues"],
            poll["invitees"],
            poll["quorums"],
            remote_allowed=remote_allowed,
            history=poll["history"],
        )
        timings.append(time.perf_counter() - started)
    best = schedule.proposals[0] if schedule.proposals else None
    return {
        "remote_allowed": remote_allowed,
        "seconds_median": statistics.median(timings),
        "seconds_best": min(timings),
        "seconds_all": timings,
        "baseline_seconds_median": statistics.median(bare),
        "ratio": statistics.median(timings) / statistics.median(bare),
        "proposals": len(schedule.proposals),
        "excluded_venues": schedule.excluded_venues,
        "best": explain(best, schedule) if best else [],
    }


def markdown(report) -> str:
    data = report["data"]
    lines = [
        "# Meeting scheduler benchmark",
        "",
        f"- when: {report['when']}",
        f"- machine: {report['machine']}",
        f"- command: `{report['command']}`",
        "",
        "## Data",
        "",
        f"{data['invitees']:,} invitees of {data['members']} member organisations (1–5 "
        f"people each, {len(ZONES)} time zones), {SLOTS} slots × {VENUES} venues (2 online, "
        f"capacities 20–400), 3 quorums, {data['marking']} invitees marking 1–2 of "
        f"{len(SENSITIVE)} venues, a "
        f"history for everyone; built in {report['build_seconds']:.2f} s.",
        "",
        "## `propose` (median of the runs; target under 1 s)",
        "",
        "| remote seats | median s | best s | baseline median s | ratio | proposals | "
        "venues left out |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in report["runs"]:
        lines.append(
            f"| {'allowed' if r['remote_allowed'] else 'not allowed'} | "
            f"{r['seconds_median']:.3f} | {r['seconds_best']:.3f} | "
            f"{r['baseline_seconds_median']:.3f} | {r['ratio']:.1f} | {r['proposals']} | "
            f"{r['excluded_venues']} |"
        )
    lines += [
        "",
        "The baseline is one pass over the same answers that counts the yes per slot; the",
        "ratio is the median of `propose` over the baseline's median.",
        "",
        "The best proposal without remote seats, as `explain` words it:",
        "",
        *[f"- {line}" for line in report["runs"][0]["best"]],
        "",
    ]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.scheduler")
    parser.add_argument("--invitees", type=int, default=1500)
    parser.add_argument("--repeats", type=int, default=7)
    options = parser.parse_args(argv)
    from django.conf import settings

    if not settings.configured:
        settings.configure(USE_I18N=True, LANGUAGE_CODE="en")
    import django

    django.setup()
    rng = random.Random(13)
    started = time.perf_counter()
    poll = build_poll(options.invitees, rng)
    build_seconds = time.perf_counter() - started
    runs = [run(poll, remote, options.repeats) for remote in (False, True)]
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "command": f".venv/bin/python -m bench.scheduler --invitees {options.invitees} "
        f"--repeats {options.repeats}",
        "data": {
            "invitees": options.invitees,
            "members": poll["members"],
            "slots": SLOTS,
            "venues": VENUES,
            "marking": poll["marking"],
        },
        "build_seconds": build_seconds,
        "runs": runs,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = RESULTS / "scheduler"
    stem.with_suffix(".json").write_text(json.dumps(report, indent=2) + "\n")
    stem.with_suffix(".md").write_text(markdown(report))
    print(markdown(report))


if __name__ == "__main__":
    main()
