"""Digest benchmark: building and sending the digests of 20,000 members, batch by batch.

    .venv/bin/python -m bench.digests [--database sqlite|postgres] [--members 20000]

1. A coalition of ``--members`` individual members, each with an account and a weekly
   digest (bulk-created); 10 % pseudonymous, 5 % listed to the steering committee only.
   20 committees of 1,000 seats. Ten updates posted through ``updates.services`` (six to
   everyone, four to committees: a receipt per reader), a third of the receipts opened;
   2,000 members offer help and 30 ask for it (``expertise.services``).
2. Every due batch (``digests.selectors.due_batches``, 500 people each) is sent with
   ``digests.services.send_batch`` — what the task worker's batch task runs — into
   Django's in-memory mailbox; per batch: seconds and queries.
3. Beside each batch, a bare baseline: the same 500 people's addresses read in one query
   and 500 one-line e-mails sent. The report gives each batch's time as a ratio to it.

Results go to bench/results/digests-<database>.{md,json}.
"""

import argparse
import json
import random
import statistics
import time
from datetime import UTC, datetime, timedelta

from bench.common import RESULTS, database, machine

SEATS_PER_COMMITTEE = 1000


def build_world(members: int, rng: random.Random) -> dict:
    from coalesce.accounts.models import User
    from coalesce.coalitions.models import (
        Coalition,
        Committee,
        CommitteeKind,
        CommitteeSeat,
        Membership,
        MembershipStatus,
        Person,
        Visibility,
    )
    from coalesce.digests.models import DigestChoice

    coalition = Coalition.objects.create(slug="bench-digests", name="Digest Bench Coalition")
    users = User.objects.bulk_create(
        User(email=f"reader{n}@bench.example", display_name=f"Reader {n}", password="!")
        for n in range(members)
    )
    people = Person.objects.bulk_create(
        Person(coalition=coalition, user=u, full_name=u.display_name) for u in users
    )

    def visibility(n):
        return (
            Visibility.PSEUDONYMOUS
            if n % 10 == 0
            else Visibility.STEERING
            if n % 20 == 1
            else Visibility.MEMBERS
        )

    memberships = Membership.objects.bulk_create(
        Membership(
            coalition=coalition,
            person=p,
            visibility=visibility(n),
            alias=f"Alias {n}" if n % 10 == 0 else "",
            status=MembershipStatus.ACTIVE,
        )
        for n, p in enumerate(people)
    )
    committees = [
        Committee.objects.create(
            coalition=coalition,
            name=f"Committee {c:02d}",
            kind=CommitteeKind.STEERING if c == 0 else CommitteeKind.CUSTOM,
            custom_role="" if c == 0 else "Work",
        )
        for c in range(20)
    ]
    seats = []
    for committee in committees:
        size = 15 if committee.kind == CommitteeKind.STEERING else SEATS_PER_COMMITTEE
        for membership in rng.sample(memberships, size):
            seats.append(CommitteeSeat(committee=committee, membership=membership))
    CommitteeSeat.objects.bulk_create(seats, ignore_conflicts=True)
    long_ago = datetime.now(UTC) - timedelta(days=8)
    DigestChoice.objects.bulk_create(
        DigestChoice(person=p, frequency="weekly", covered_until=long_ago) for p in people
    )
    return {"coalition": coalition, "people": people, "committees": committees, "users": users}


def post_content(world, rng) -> dict:
    from coalesce.coalitions.policy import actor_for
    from coalesce.expertise import services as expertise
    from coalesce.updates import services as updates
    from coalesce.updates.models import Receipt

    coalition, committees = world["coalition"], world["committees"]
    steering_seat = committees[0].seats.select_related("membership__person__user").first()
    author = actor_for(steering_seat.membership.person.user, coalition)
    for n in range(10):
        committee = None if n < 6 else committees[n - 5].id
        updates.post_update(
            author, title=f"Update {n}", body="News **for** the coalition.", committee_id=committee
        )
    receipts = list(Receipt.objects.values_list("pk", flat=True))
    opened = rng.sample(receipts, len(receipts) // 3)
    Receipt.objects.filter(pk__in=opened).update(opened_at=datetime.now(UTC))
    users = world["users"]
    for user in rng.sample(users, 2000):
        expertise.add_entry(
            actor_for(user, coalition),
            side="offer",
            kind="skill",
            topic=rng.choice(["media", "research", "gender_training"]),
            text="We can help",
        )
    for user in rng.sample(users, 30):
        expertise.post_request(
            actor_for(user, coalition),
            topic=rng.choice(["media", "research", "gender_training"]),
            text="Could a member help us?",
        )
    return {"updates": 10, "receipts": len(receipts), "opened": len(opened), "requests": 30}


def baseline(person_ids) -> float:
    """The bare work of a batch: its people's addresses in one query, one plain e-mail each."""
    from django.core import mail

    from coalesce.coalitions.models import Person

    started = time.perf_counter()
    emails = list(Person.objects.filter(pk__in=person_ids).values_list("user__email", flat=True))
    with mail.get_connection() as connection:
        connection.send_messages(
            [mail.EmailMessage("Digest", "One line.", None, [e]) for e in emails]
        )
    return time.perf_counter() - started


def send_all(now) -> list[dict]:
    from django.core import mail
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from coalesce.digests import selectors, services

    reverse("home")  # the worker loads the URLs once, before its first batch; so do we
    rows = []
    for coalition_id, person_ids in selectors.due_batches(now):
        bare = baseline(person_ids)
        mail.outbox.clear()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            sent = services.send_batch(coalition_id, person_ids, now=now)
        seconds = time.perf_counter() - started
        rows.append(
            {
                "people": len(person_ids),
                "sent": sent,
                "seconds": seconds,
                "queries": len(queries),
                "baseline_seconds": bare,
                "ratio": seconds / bare if bare else None,
                "bytes": sum(len(m.message().as_bytes()) for m in mail.outbox),
            }
        )
        mail.outbox.clear()
    return rows


def markdown(report) -> str:
    rows, data = report["batches"], report["data"]
    seconds = [r["seconds"] for r in rows]
    ratios = [r["ratio"] for r in rows]
    queries = sorted({r["queries"] for r in rows})
    sent = sum(r["sent"] for r in rows)
    median_max = "{:.2f} / {:.2f}"
    lines = [
        f"# Digest benchmark — {report['database']}",
        "",
        f"- when: {report['when']}",
        f"- machine: {report['machine']}",
        f"- database: {report['version']}",
        f"- command: `{report['command']}`",
        "",
        "## Data",
        "",
        f"{report['members']:,} members with an account and a weekly digest; "
        f"{data['updates']} updates ({data['receipts']:,} receipts, {data['opened']:,} opened); "
        f"2,000 offers of help and {data['requests']} requests; built in "
        f"{report['build_seconds']:.1f} s.",
        "",
        "## Sending every due digest",
        "",
        "| | |",
        "| --- | ---: |",
        f"| batches (500 people each) | {len(rows)} |",
        f"| digests sent | {sent:,} |",
        f"| empty digests not sent | {sum(r['people'] - r['sent'] for r in rows):,} |",
        f"| total seconds | {sum(seconds):.1f} |",
        f"| seconds per batch: median / max | "
        f"{median_max.format(statistics.median(seconds), max(seconds))} |",
        f"| queries per batch (every batch) | {', '.join(map(str, queries))} |",
        f"| ratio to the bare baseline: median / max | "
        f"{median_max.format(statistics.median(ratios), max(ratios))} |",
        f"| e-mail bytes per digest (mean) | {sum(r['bytes'] for r in rows) // max(sent, 1):,} |",
        "",
        "The baseline of a batch reads its 500 people's addresses in one query and sends 500",
        "one-line e-mails into the same in-memory mailbox.",
        "",
    ]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.digests")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--members", type=int, default=20000)
    options = parser.parse_args(argv)
    with database(options.database) as version:
        from django.conf import settings

        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        from django.core import mail

        mail.outbox = []
        rng = random.Random(12)
        started = time.perf_counter()
        world = build_world(options.members, rng)
        data = post_content(world, rng)
        build_seconds = time.perf_counter() - started
        rows = send_all(datetime.now(UTC) + timedelta(minutes=1))
    report = {
        "database": options.database,
        "version": version,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "command": f".venv/bin/python -m bench.digests --database {options.database} "
        f"--members {options.members}",
        "members": options.members,
        "data": data,
        "build_seconds": build_seconds,
        "batches": rows,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = RESULTS / f"digests-{options.database}"
    stem.with_suffix(".json").write_text(json.dumps(report, indent=2) + "\n")
    stem.with_suffix(".md").write_text(markdown(report))
    print(markdown(report))


if __name__ == "__main__":
    main()
