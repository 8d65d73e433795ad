"""Decision benchmarks: closing a large vote, and ballots per second over HTTP.

    .venv/bin/python -m bench.decisions [--database sqlite|postgres] [--ballots 200000]
                                        [--voters 50] [--seconds 20]

1. *close*: a proposal with ``--ballots`` open ballots (electors and ballots made with
   ``bulk_create``), then ``services.close_proposal`` timed (target: at most 1 s). The
   close runs inside a transaction that is rolled back, so it can be repeated; the
   median and the best of the repetitions are reported, with the query plans of the
   two counts it runs.
2. *http*: ``--voters`` voters each with an API token send open ballots (alternating
   yes/no, each replacing the voter's previous one) as fast as they can for
   ``--seconds`` to ``coalesce serve`` (gunicorn, all middleware) over keep-alive
   connections; reports ballots/s, p50/p95/p99 latency, errors and "database is
   locked" (in answers and the server log).

SQLite runs in a temporary data folder (the settings' WAL, synchronous=FULL, IMMEDIATE
transactions). PostgreSQL is a throw-away server started like ``./dev`` does (initdb and
pg_ctl as the postgres user when run as root), with its default durability (fsync on).
Results go to bench/results/decisions-<database>.{md,json}.
"""

import argparse
import json
import statistics
import sys
import time
from datetime import UTC, datetime

from bench.common import RESULTS, Server, database, drive_ballots, machine

# --- 1. closing a large vote ----------------------------------------------------------


def bench_close(n_ballots: int, repeats: int = 5) -> dict:
    from django.db import connection, transaction
    from django.db.models import Count
    from tests.support import voting_world

    from coalesce.decisions import selectors, services
    from coalesce.decisions.models import Ballot, Elector, Proposal

    world = voting_world.seed(1, ["big"], slug="bench-close")
    proposal = Proposal.objects.select_related("rule").get(pk=world["proposals"]["big"])
    membership_id = Elector.objects.filter(proposal=proposal).values_list(
        "membership_id", flat=True
    )[0]
    positions = ["yes", "no", "abstain"]
    started = time.perf_counter()
    with transaction.atomic():
        Elector.objects.filter(proposal=proposal).delete()
        electors = Elector.objects.bulk_create(
            (
                Elector(proposal=proposal, key=f"b{n}", membership_id=membership_id)
                for n in range(n_ballots)
            ),
            batch_size=5000,
        )
        Ballot.objects.bulk_create(
            (
                Ballot(proposal=proposal, elector=elector, position=positions[n % 7 % 3])
                for n, elector in enumerate(electors)
            ),
            batch_size=5000,
        )
    generated = time.perf_counter() - started

    def close_once():
        with transaction.atomic():
            t0 = time.perf_counter()
            closed = services.close_proposal(proposal.id, now=proposal.closes_at)
            elapsed = time.perf_counter() - t0
            transaction.set_rollback(True)
        return elapsed, closed

    timings, closed = [], None
    for _ in range(repeats):
        elapsed, closed = close_once()
        timings.append(elapsed)
    count_sql, count_params = (
        Ballot.objects.filter(proposal=proposal)
        .values_list("position")
        .annotate(n=Count("pk"))
        .order_by()
        .query.sql_with_params()
    )
    electorate_sql, electorate_params = (
        Elector.objects.filter(proposal=proposal).values("pk").query.sql_with_params()
    )
    plans = {}
    with connection.cursor() as cursor:
        for name, sql, params in [
            ("count positions (GROUP BY)", count_sql, count_params),
            (
                "electorate size (COUNT)",
                f"SELECT COUNT(*) FROM ({electorate_sql}) e",
                electorate_params,
            ),
        ]:
            prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
            cursor.execute(prefix + sql, params)
            plans[name] = "\n".join(" ".join(str(c) for c in row) for row in cursor.fetchall())
    # The pieces: each query of the close on its own.
    t0 = time.perf_counter()
    counts = selectors.count_positions(proposal)
    t_counts = time.perf_counter() - t0
    t0 = time.perf_counter()
    electorate = Elector.objects.filter(proposal=proposal).count()
    t_electorate = time.perf_counter() - t0
    return {
        "ballots": n_ballots,
        "generate_seconds": round(generated, 2),
        "close_seconds_median": round(statistics.median(timings), 4),
        "close_seconds_best": round(min(timings), 4),
        "close_seconds_all": [round(t, 4) for t in timings],
        "count_positions_seconds": round(t_counts, 4),
        "electorate_count_seconds": round(t_electorate, 4),
        "counts": counts,
        "electorate": electorate,
        "outcome": closed.outcome,
        "result": closed.result,
        "query_plans": plans,
    }


# --- 2. ballots per second over HTTP --------------------------------------------------


def bench_http(n_voters, seconds, workers, threads) -> dict:
    from tests.support import voting_world

    world = voting_world.seed(n_voters, ["load"], slug="bench-http")
    proposal_id = world["proposals"]["load"]
    path = f"/api/coalitions/{world['slug']}/proposals/{proposal_id}/ballot"
    with Server(workers=workers, threads=threads) as server:
        driven = drive_ballots(server.port, path, world["tokens"], seconds)
    server_log = server.log_text()
    from coalesce.decisions.models import Ballot

    return {
        **driven,
        "gunicorn": {"workers": workers, "threads": threads},
        "database_is_locked_in_server_log": server_log.lower().count("database is locked"),
        "tracebacks_in_server_log": server_log.count("Traceback"),
        "ballot_rows_after": Ballot.objects.filter(proposal_id=proposal_id).count(),
    }


# --- report ---------------------------------------------------------------------------


def markdown(report) -> str:
    c, h = report["close"], report["http"]
    lines = [
        f"# Decision benchmark — {report['database']}",
        "",
        f"- when: {report['when']}",
        f"- machine: {report['machine']}",
        f"- database: {report['database_version']}",
        f"- command: `{report['command']}`",
        "",
        f"## Closing a proposal with {c['ballots']:,} open ballots",
        "",
        f"- generating electors and ballots (bulk_create): {c['generate_seconds']} s",
        f"- `services.close_proposal`: median **{c['close_seconds_median']} s**, "
        f"best {c['close_seconds_best']} s over {len(c['close_seconds_all'])} runs "
        f"({', '.join(str(t) for t in c['close_seconds_all'])}) — target ≤ 1 s",
        f"- of which: count of positions (GROUP BY) {c['count_positions_seconds']} s, "
        f"electorate COUNT {c['electorate_count_seconds']} s",
        f"- outcome: {c['outcome']}, counts {c['counts']}, electorate {c['electorate']:,}",
        "",
    ]
    for name, plan in c["query_plans"].items():
        lines += [f"Plan of {name}:", "", "```", plan, "```", ""]
    lines += [
        f"## Sustained voting over HTTP: {h['voters']} concurrent voters, {h['seconds']} s",
        "",
        f"- server: `coalesce serve --workers {h['gunicorn']['workers']} "
        f"--threads {h['gunicorn']['threads']}` (gunicorn, all middleware, token auth)",
        f"- **{h['ballots_per_second']} ballots/s** ({h['ballots_accepted']:,} accepted "
        f"of {h['requests']:,} requests)",
        f"- latency of accepted ballots: p50 {h['latency_ms'].get('p50')} ms, "
        f"p95 {h['latency_ms'].get('p95')} ms, p99 {h['latency_ms'].get('p99')} ms",
        f"- errors: {h['errors']} (statuses {h['statuses']})",
        f'- "database is locked": {h["database_is_locked_answers"]} in answers, '
        f"{h['database_is_locked_in_server_log']} in the server log; "
        f"tracebacks in the log: {h['tracebacks_in_server_log']}",
        f"- ballot rows afterwards: {h['ballot_rows_after']} (one per voter)",
        "",
        "The load generator (Python threads) runs on the same machine as the server.",
        "",
    ]
    if h["first_failures"]:
        lines += ["First failures:", "", *[f"- `{f}`" for f in h["first_failures"]], ""]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.decisions")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--ballots", type=int, default=200_000)
    parser.add_argument("--voters", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--skip-http", action="store_true")
    options = parser.parse_args(argv)

    with database(options.database) as version:
        from django.db import connection

        report = {
            "database": options.database,
            "database_version": version,
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": machine(),
            "command": " ".join([".venv/bin/python -m bench.decisions", *sys.argv[1:]]),
        }
        print(f"closing a proposal with {options.ballots:,} ballots on {version}…", flush=True)
        report["close"] = bench_close(options.ballots)
        print(json.dumps({k: v for k, v in report["close"].items() if k != "query_plans"}))
        if not options.skip_http:
            connection.close()
            print(f"{options.voters} voters over HTTP for {options.seconds:g} s…", flush=True)
            report["http"] = bench_http(
                options.voters, options.seconds, options.workers, options.threads
            )
            print(json.dumps(report["http"]))
            RESULTS.mkdir(parents=True, exist_ok=True)
            name = f"decisions-{options.database}"
            (RESULTS / f"{name}.json").write_text(json.dumps(report, indent=2) + "\n")
            (RESULTS / f"{name}.md").write_text(markdown(report))
            print(f"written: bench/results/{name}.md and .json")


if __name__ == "__main__":
    main()
