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
import http.client
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


# --- databases ----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not found:
        sys.exit("PostgreSQL binaries not found under /usr/lib/postgresql")
    return found[-1]


class ThrowAwayPostgres:
    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="coalesce-bench-pg-"))
        self.run = []
        if os.getuid() == 0:
            shutil.chown(self.dir, "postgres")
            self.run = ["runuser", "-u", "postgres", "--"]
        self.port = free_port()
        bin_dir = pg_bin()
        subprocess.run(
            [
                *self.run,
                bin_dir / "initdb",
                "-D",
                self.dir / "data",
                "-A",
                "trust",
                "-U",
                "postgres",
            ],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [
                *self.run,
                bin_dir / "pg_ctl",
                "-D",
                self.dir / "data",
                "-l",
                self.dir / "log",
                "-w",
                "-o",
                f"-k {self.dir} -p {self.port} -c listen_addresses='' -c max_connections=200",
                "start",
            ],
            check=True,
            capture_output=True,
        )
        self.version = subprocess.run(
            [bin_dir / "postgres", "--version"], capture_output=True, text=True, check=True
        ).stdout.strip()
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as connection:
            connection.execute("CREATE DATABASE bench")

    def url(self, name="bench") -> str:
        return f"postgres://postgres@/{name}?host={self.dir}&port={self.port}"

    def stop(self):
        subprocess.run(
            [*self.run, pg_bin() / "pg_ctl", "-D", self.dir / "data", "-m", "fast", "stop"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.dir, ignore_errors=True)


# --- 1. closing a large vote ----------------------------------------------------------


def bench_close(n_ballots: int, repeats: int = 5) -> dict:
    from django.db import connection, transaction
    from django.db.models import Count
    from tests import voting_world

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


def wait_until_up(port, process, log, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"the server stopped:\n{log.read_text()[-3000:]}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/api/openapi.json")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit(f"the server did not start:\n{log.read_text()[-3000:]}")


def bench_http(env, n_voters, seconds, workers, threads) -> dict:
    from tests import voting_world

    world = voting_world.seed(n_voters, ["load"], slug="bench-http")
    proposal_id = world["proposals"]["load"]
    path = f"/api/coalitions/{world['slug']}/proposals/{proposal_id}/ballot"
    port = free_port()
    log = Path(env["COALESCE_DATA_DIR"]) / "server.log"
    command = [
        sys.executable,
        "-m",
        "coalesce",
        "serve",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
    ]
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until_up(port, process, log)
        latencies, statuses, locked, failures = [], {}, [0], []
        lock = threading.Lock()
        start = threading.Barrier(n_voters + 1)
        stop_at = [0.0]

        def voter(token):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
            mine, n = [], 0
            start.wait()
            while time.perf_counter() < stop_at[0]:
                body = json.dumps({"position": ("yes", "no")[n % 2], "reason": ""})
                n += 1
                t0 = time.perf_counter()
                try:
                    connection.request("POST", path, body=body, headers=headers)
                    answer = connection.getresponse()
                    text = answer.read().decode(errors="replace")
                    status = answer.status
                except (OSError, http.client.HTTPException) as error:
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                    status, text = 0, repr(error)
                elapsed = time.perf_counter() - t0
                mine.append((status, elapsed, "database is locked" in text.lower()))
                if status != 200 and len(failures) < 20:
                    with lock:
                        failures.append(f"{status}: {text[:300]}")
            connection.close()
            with lock:
                for status, elapsed, is_locked in mine:
                    statuses[status] = statuses.get(status, 0) + 1
                    locked[0] += is_locked
                    if status == 200:
                        latencies.append(elapsed)

        pool = [threading.Thread(target=voter, args=(t,)) for t in world["tokens"]]
        for thread in pool:
            thread.start()
        began = time.perf_counter()
        stop_at[0] = began + seconds
        start.wait()
        for thread in pool:
            thread.join()
        elapsed = time.perf_counter() - began
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    server_log = log.read_text()
    from coalesce.decisions.models import Ballot

    latencies.sort()

    def pct(p):
        return round(1000 * latencies[min(len(latencies) - 1, int(p * len(latencies)))], 1)

    ok = statuses.get(200, 0)
    return {
        "voters": n_voters,
        "seconds": round(elapsed, 2),
        "gunicorn": {"workers": workers, "threads": threads},
        "requests": sum(statuses.values()),
        "ballots_accepted": ok,
        "ballots_per_second": round(ok / elapsed, 1),
        "latency_ms": {"p50": pct(0.50), "p95": pct(0.95), "p99": pct(0.99)} if latencies else {},
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "errors": sum(v for k, v in statuses.items() if k != 200),
        "database_is_locked_answers": locked[0],
        "database_is_locked_in_server_log": server_log.lower().count("database is locked"),
        "tracebacks_in_server_log": server_log.count("Traceback"),
        "first_failures": failures[:5],
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

    data_dir = tempfile.mkdtemp(prefix="coalesce-bench-")
    os.environ["COALESCE_DATA_DIR"] = data_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "coalesce.settings"
    for name in ("TASKS_BACKEND", "EMAIL_BACKEND"):
        os.environ.pop(name, None)
    postgres = None
    if options.database == "postgres":
        postgres = ThrowAwayPostgres()
        os.environ["DATABASE_URL"] = postgres.url()
    else:
        os.environ.pop("DATABASE_URL", None)
    try:
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", interactive=False, verbosity=0)
        if postgres:
            version = postgres.version
        else:
            import sqlite3

            version = f"SQLite {sqlite3.sqlite_version}"
        report = {
            "database": options.database,
            "database_version": version,
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}, load average at start "
            f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}",
            "command": " ".join([".venv/bin/python -m bench.decisions", *sys.argv[1:]]),
        }
        print(f"closing a proposal with {options.ballots:,} ballots on {version}…", flush=True)
        report["close"] = bench_close(options.ballots)
        print(json.dumps({k: v for k, v in report["close"].items() if k != "query_plans"}))
        if not options.skip_http:
            connection.close()
            print(
                f"{options.voters} voters over HTTP for {options.seconds:g} s…",
                flush=True,
            )
            report["http"] = bench_http(
                dict(os.environ), options.voters, options.seconds, options.workers, options.threads
            )
            print(json.dumps(report["http"]))
            RESULTS.mkdir(parents=True, exist_ok=True)
            name = f"decisions-{options.database}"
            (RESULTS / f"{name}.json").write_text(json.dumps(report, indent=2) + "\n")
            (RESULTS / f"{name}.md").write_text(markdown(report))
            print(f"written: bench/results/{name}.md and .json")
        connection.close()
    finally:
        if postgres:
            postgres.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
