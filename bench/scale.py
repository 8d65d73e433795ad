"""Scale and page-weight benchmark on the synthetic coalition.

    .venv/bin/python -m bench.scale [--database sqlite|postgres] [--factor 1|10]
                                    [--seconds 10] [--connections 2] [--voters 32]

1. Loads the synthetic coalition (``coalesce generate_synthetic``'s generator) at
   ``--factor`` into a temporary data folder (SQLite: WAL, synchronous=FULL) or a
   throw-away PostgreSQL server; times the generation.
2. Counts the queries of each page and API operation by running it once in this
   process (Django's test client against the same database, after one warm-up).
3. Starts ``coalesce serve`` (gunicorn, every middleware, the task worker) and, per
   page and API operation, measures with ``wrk`` (Debian's, a separate process, with
   the session cookie or API token): p50, p95, requests/s for ``--seconds`` over
   ``--connections`` keep-alive connections; the HTML (or JSON) size as sent gzipped
   and uncompressed; the requests and bytes of a first visit (the page and the CSS,
   JavaScript, images and icons it links).
4. Ballots per second with ``--voters`` concurrent voters (API tokens) on an open
   decision of all 1,700 members, over keep-alive HTTP (``bench.common.drive_ballots``).
5. Closing a 200,000-ballot decision (``bench.decisions.bench_close``) on the loaded
   database, and the resident memory of each gunicorn worker after the load.

Writes bench/results/scale-<database>-<factor>x.{md,json}; when the 1× and 10× results
of the database both exist, the markdown adds a growth table.
"""

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.common import RESULTS, ROOT, Server, database, drive_ballots, machine

SLUG = "synthetic"
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "status_errors": %d, '
    .. '"socket_errors": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\\n',
    summary.requests, summary.duration, summary.bytes, e.status,
    e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""
TARGETS = {"key": (50, 200), "heavy": (None, 1000), "api": (50, 200)}


# --- what is measured -----------------------------------------------------------------


def targets_of_the_world() -> dict:
    """Ids of the proposals, committee and voters the pages and operations use."""
    from django.db.models import Count

    from coalesce.accounts.models import ApiToken, User
    from coalesce.coalitions.models import Coalition, Committee, CommitteeKind
    from coalesce.decisions.models import Electorate, Proposal, ProposalStatus

    coalition = Coalition.objects.get(slug=SLUG)
    proposals = Proposal.objects.filter(coalition=coalition)
    closed = proposals.filter(status=ProposalStatus.CLOSED)
    all_members = closed.filter(rule__electorate=Electorate.ALL_MEMBERS, rule__secret=False)
    typical = (
        closed.filter(rule__electorate=Electorate.COMMITTEE)
        .annotate(n=Count("ballots"))
        .order_by("-n", "id")
        .first()
    )
    everyone = all_members.annotate(n=Count("ballots")).order_by("-n", "id").first()
    open_all = (
        proposals.filter(status=ProposalStatus.OPEN, rule__electorate=Electorate.ALL_MEMBERS)
        .filter(rule__secret=False)
        .order_by("id")
        .first()
    )
    committee = (
        Committee.objects.filter(coalition=coalition)
        .exclude(kind=CommitteeKind.STEERING)
        .annotate(n=Count("seats"))
        .order_by("-n", "id")
        .first()
    )
    voters = list(User.objects.filter(email__startswith="voter").order_by("id"))
    return {
        "coalition": coalition,
        "typical_closed": typical,
        "everyone_closed": everyone,
        "open_all": open_all,
        "committee": committee,
        "users": {
            role: User.objects.get(email=f"{role}@{SLUG}.coalesce.test")
            for role in ("member", "admin", "steering")
        },
        "voters": voters,
        "token": ApiToken.issue(User.objects.get(email=f"member@{SLUG}.coalesce.test"), "bench")[1],
        "voter_tokens": [ApiToken.issue(user, "bench")[1] for user in voters],
    }


def endpoints(world) -> list[dict]:
    s = SLUG
    typical, everyone = world["typical_closed"], world["everyone_closed"]
    committee = world["committee"]
    api = f"/api/coalitions/{s}"
    return [
        dict(kind="key", name="dashboard (coalition home)", url=f"/c/{s}/", who="member"),
        dict(kind="key", name="member directory", url=f"/c/{s}/members/", who="member"),
        dict(kind="key", name="proposal list", url=f"/c/{s}/decisions/", who="member"),
        dict(
            kind="key",
            name=f"outcome: committee decision ({typical.ballots.count()} ballots)",
            url=f"/c/{s}/decisions/{typical.id}/",
            who="member",
        ),
        dict(
            kind="key",
            name=f"outcome: all organisations voted ({everyone.ballots.count():,} ballots)",
            url=f"/c/{s}/decisions/{everyone.id}/",
            who="member",
        ),
        dict(
            kind="key",
            name=f"committee page ({committee.n} seats)",
            url=f"/c/{s}/committees/{committee.id}/",
            who="member",
        ),
        dict(kind="key", name="charter", url=f"/c/{s}/charter/", who="member"),
        dict(kind="heavy", name="member CSV export", url=f"/c/{s}/members.csv", who="admin"),
        dict(kind="heavy", name="audit log", url=f"/c/{s}/audit/", who="admin"),
        dict(kind="heavy", name="diversity report", url=f"/c/{s}/diversity/", who="member"),
        dict(kind="api", name="API: memberships (50)", url=f"{api}/memberships", who="token"),
        dict(kind="api", name="API: proposals (50)", url=f"{api}/proposals", who="token"),
        dict(
            kind="api", name="API: one proposal", url=f"{api}/proposals/{typical.id}", who="token"
        ),
        dict(
            kind="api",
            name="API: one committee",
            url=f"{api}/committees/{committee.id}",
            who="token",
        ),
        dict(
            kind="api",
            name="API: committees (all, with seats)",
            url=f"{api}/committees",
            who="token",
        ),
    ]


# --- queries per request, in this process ---------------------------------------------


def count_queries(items, world):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    clients = {}
    for role in ("member", "admin"):
        clients[role] = Client()
        clients[role].force_login(world["users"][role])
    clients["token"] = Client(headers={"Authorization": f"Bearer {world['token']}"})
    for item in items:
        client = clients[item["who"]]
        client.get(item["url"])  # warm-up: caches, the token's first use
        with CaptureQueriesContext(connection) as queries:
            response = client.get(item["url"])
        if response.status_code != 200:
            sys.exit(f"{item['url']} answered {response.status_code}")
        item["queries"] = len(queries)
    return {role: clients[role].cookies["sessionid"].value for role in ("member", "admin")}


# --- over HTTP --------------------------------------------------------------------------


def headers_for(item, sessions, token) -> dict:
    if item["who"] == "token":
        return {"Authorization": f"Bearer {token}"}
    return {"Cookie": f"sessionid={sessions[item['who']]}"}


def fetch(port, path, headers) -> tuple[int, bytes, int, str]:
    """(status, uncompressed body, bytes on the wire, content type) of one GET."""
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers={**headers, "Accept-Encoding": "gzip"})
    answer = connection.getresponse()
    raw = answer.read()
    connection.close()
    body = gzip.decompress(raw) if answer.getheader("Content-Encoding") == "gzip" else raw
    return answer.status, body, len(raw), answer.getheader("Content-Type", "")


LINKED = re.compile(
    r"<(?:link[^>]*\bhref|script[^>]*\bsrc|img[^>]*\bsrc)=\"([^\"]+)\"", re.IGNORECASE
)


def weigh(port, item, headers) -> None:
    status, body, wire, content_type = fetch(port, item["url"], headers)
    if status != 200:
        sys.exit(f"{item['url']} answered {status} over HTTP")
    item["bytes"] = len(body)
    item["bytes_gzip"] = wire if wire != len(body) else len(gzip.compress(body, 6))
    item["served_gzipped"] = wire != len(body)
    if "html" not in content_type:
        return
    requests, total = 1, wire
    for url in sorted(set(LINKED.findall(body.decode(errors="replace")))):
        if url.startswith(("data:", "http:", "https:", "//")) or url.startswith("#"):
            continue
        sub_status, _sub_body, sub_wire, _ = fetch(port, url.replace("&amp;", "&"), headers)
        if sub_status == 200:
            requests += 1
            total += sub_wire
    item["first_visit_requests"] = requests
    item["first_visit_bytes"] = total


def run_wrk(server, item, headers, seconds, connections) -> None:
    port = server.port
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(WRK_SCRIPT)
    command = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "30s"]
    command += ["-s", str(script)]
    for name, value in {**headers, "Accept-Encoding": "gzip"}.items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://127.0.0.1:{port}{item['url']}")
    cpu_before = server.worker_cpu_seconds()
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    cpu = server.worker_cpu_seconds() - cpu_before
    script.unlink()
    found = json.loads(out.strip().splitlines()[-1])
    item.update(
        p50_ms=round(found["p50_us"] / 1000, 1),
        p95_ms=round(found["p95_us"] / 1000, 1),
        p99_ms=round(found["p99_us"] / 1000, 1),
        requests_per_second=round(found["requests"] / (found["duration_us"] / 1e6), 1),
        requests=found["requests"],
        errors=found["status_errors"] + found["socket_errors"],
        server_cpu_ms=round(1000 * cpu / max(1, found["requests"]), 1),
        load_average=round(os.getloadavg()[0], 2),
    )


def verdict(item) -> str:
    p50_target, p95_target = TARGETS[item["kind"]]
    ok = item["p95_ms"] <= p95_target and (p50_target is None or item["p50_ms"] <= p50_target)
    return "met" if ok and not item["errors"] else "**missed**"


# --- report -----------------------------------------------------------------------------


def markdown(report) -> str:
    g, b, c, m = report["generation"], report["ballots"], report["close"], report["memory"]
    lines = [
        f"# Scale benchmark — {report['database']}, {report['factor']:g}× data",
        "",
        f"- when: {report['when']}",
        f"- machine: {report['machine']}",
        f"- database: {report['database_version']}",
        f"- command: `{report['command']}`",
        f"- server: `coalesce serve --workers {report['workers']} --threads "
        f"{report['threads']}` (gunicorn, all middleware, the task worker running)",
        f"- load: `wrk -t1 -c{report['connections']} -d{round(report['seconds'])}s` per row, "
        "on the same 2-core machine as the server",
        "",
        f"## Data ({g['seconds']} s to generate)",
        "",
        "| | count |",
        "| --- | ---: |",
        *[
            f"| {name} | {value:,} |" if isinstance(value, int) else f"| {name} | {value} |"
            for name, value in g["counts"].items()
        ],
        "",
        "## Pages and API operations",
        "",
        "Targets: key pages and API p50 ≤ 50 ms, p95 ≤ 200 ms; heavy pages p95 ≤ 1 s. "
        "Queries: one request run in-process after a warm-up, session and user included. "
        "Bytes: the answer as sent (gzip) and uncompressed; first visit: the page and "
        "what it links (CSS, JavaScript, images, icons), as sent. Server CPU: the "
        "gunicorn workers' CPU time over the run divided by the requests (less sensitive "
        "than latency to whatever else the machine runs).",
        "",
        "| page | kind | p50 ms | p95 ms | req/s | errors | server CPU ms/req | queries "
        "| gzip KB | KB | first visit | target |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for item in report["pages"]:
        first = (
            f"{item['first_visit_requests']} req, {item['first_visit_bytes'] / 1024:.1f} KB"
            if "first_visit_requests" in item
            else "—"
        )
        lines.append(
            f"| {item['name']} | {item['kind']} | {_ms(item, 'p50_ms')} | {_ms(item, 'p95_ms')} "
            f"| {item['requests_per_second']} | {item['errors']} | {item['server_cpu_ms']} "
            f"| {item['queries']} "
            f"| {item['bytes_gzip'] / 1024:.1f} | {item['bytes'] / 1024:.1f} | {first} "
            f"| {item['verdict']} |"
        )
    lines += [
        "",
        f"## Ballots: {b['voters']} concurrent voters, {b['seconds']} s",
        "",
        f"- **{b['ballots_per_second']} ballots/s** ({b['ballots_accepted']:,} accepted of "
        f"{b['requests']:,} requests) — target ≥ 300",
        f"- latency: p50 {b['latency_ms'].get('p50')} ms, p95 {b['latency_ms'].get('p95')} ms, "
        f"p99 {b['latency_ms'].get('p99')} ms — target p95 ≤ 250 ms",
        f'- errors: {b["errors"]} (statuses {b["statuses"]}); "database is locked": '
        f"{b['database_is_locked_answers']} in answers, {b['database_is_locked_in_server_log']} "
        f"in the server log; tracebacks in the log: {b['tracebacks_in_server_log']}",
        f"- queries per ballot (in-process): {b['queries_per_ballot']}; server CPU per "
        f"ballot: {b['server_cpu_ms']} ms; load average at the end: {b['load_average']}",
        "",
        f"## Closing a decision with {c['ballots']:,} ballots",
        "",
        f"- `services.close_proposal`: median **{c['close_seconds_median']} s**, best "
        f"{c['close_seconds_best']} s ({', '.join(str(t) for t in c['close_seconds_all'])}) "
        "— target ≤ 1 s",
        "",
        "## Memory after the load",
        "",
        f"- gunicorn workers: {', '.join(f'{x} MB' for x in m['workers_mb'])} (RSS) "
        "— target ≤ 150 MB each",
        f"- gunicorn master: {m['master_mb']} MB; task worker: {m['task_worker_mb']} MB",
        "",
    ]
    growth = growth_table(report["database"])
    if growth:
        lines += growth
    return "\n".join(lines)


def growth_table(database_name) -> list[str]:
    one, ten = (RESULTS / f"scale-{database_name}-{f}x.json" for f in (1, 10))
    if not (one.exists() and ten.exists()):
        return []
    a, b = json.loads(one.read_text()), json.loads(ten.read_text())
    by_name = {_short(i["name"]): i for i in a["pages"]}
    lines = [
        "## Growth 1× → 10× data",
        "",
        "Target: each page at most 1.5× slower (p50).",
        "",
        "| page | p50 1× | p50 10× | ratio | p95 1× | p95 10× | CPU ms 1× → 10× | queries |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for item in b["pages"]:
        before = by_name.get(_short(item["name"]))
        if before is None:
            continue
        ratio = item["p50_ms"] / before["p50_ms"] if before["p50_ms"] else 0
        mark = "" if ratio <= 1.5 else " **over**"
        lines.append(
            f"| {_short(item['name'])} | {_ms(before, 'p50_ms')} | {_ms(item, 'p50_ms')} "
            f"| {ratio:.2f}×{mark} | {_ms(before, 'p95_ms')} | {_ms(item, 'p95_ms')} "
            f"| {before['server_cpu_ms']} → {item['server_cpu_ms']} "
            f"({item['server_cpu_ms'] / max(0.1, before['server_cpu_ms']):.1f}×) "
            f"| {before['queries']} → {item['queries']} |"
        )
    lines += [
        "",
        f"Ballots/s: {a['ballots']['ballots_per_second']} → {b['ballots']['ballots_per_second']}; "
        f"generation {a['generation']['seconds']} s → {b['generation']['seconds']} s.",
        "",
    ]
    return lines


def _ms(item, key) -> str:
    """A latency, or "timed out" when no request finished within wrk's timeout."""
    return "timed out" if item["errors"] and item["requests"] <= item["errors"] else item[key]


def _short(name: str) -> str:
    return name.split(" (")[0]


def queries_per_ballot(world) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(headers={"Authorization": f"Bearer {world['voter_tokens'][0]}"})
    path = f"/api/coalitions/{SLUG}/proposals/{world['open_all'].id}/ballot"
    client.post(path, {"position": "yes", "reason": ""}, content_type="application/json")
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            path, {"position": "no", "reason": ""}, content_type="application/json"
        )
    assert response.status_code == 200, response.content
    return len(queries)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.scale")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--factor", type=float, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=2)
    parser.add_argument("--voters", type=int, default=32)
    parser.add_argument("--ballot-seconds", type=float, default=20)
    parser.add_argument("--close-ballots", type=int, default=200_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--only", help="measure only pages whose name contains this")
    parser.add_argument(
        "--markdown-only", action="store_true", help="rewrite the .md from the .json only"
    )
    options = parser.parse_args(argv)
    if options.markdown_only:
        name = f"scale-{options.database}-{options.factor:g}x"
        report = json.loads((RESULTS / f"{name}.json").read_text())
        (RESULTS / f"{name}.md").write_text(markdown(report))
        return

    with database(options.database) as version:
        from coalesce.demo import synthetic

        report = {
            "database": options.database,
            "database_version": version,
            "factor": options.factor,
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": machine(),
            "command": " ".join([".venv/bin/python -m bench.scale", *sys.argv[1:]]),
            "seconds": options.seconds,
            "connections": options.connections,
            "workers": options.workers,
            "threads": options.threads,
        }
        print(f"generating the synthetic coalition ×{options.factor:g} on {version}…", flush=True)
        report["generation"] = synthetic.generate(
            factor=options.factor, seed=options.seed, slug=SLUG, log_to=print
        )
        report["generation"].pop("logins")
        world = targets_of_the_world()
        items = endpoints(world)
        if options.only:
            items = [i for i in items if options.only in i["name"]]
        sessions = count_queries(items, world)
        ballot_queries = queries_per_ballot(world)

        from bench.decisions import bench_close

        print(f"closing a decision with {options.close_ballots:,} ballots…", flush=True)
        report["close"] = bench_close(options.close_ballots, repeats=3)
        report["close"].pop("query_plans")

        with Server(workers=options.workers, threads=options.threads) as server:
            for item in items:
                headers = headers_for(item, sessions, world["token"])
                weigh(server.port, item, headers)
                run_wrk(server, item, headers, options.seconds, options.connections)
                item["verdict"] = verdict(item)
                print(
                    f"  {item['name']}: p50 {item['p50_ms']} ms, p95 {item['p95_ms']} ms, "
                    f"{item['requests_per_second']}/s, {item['queries']} queries, "
                    f"{item['bytes_gzip']:,} B gzip, errors {item['errors']}",
                    flush=True,
                )
            path = f"/api/coalitions/{SLUG}/proposals/{world['open_all'].id}/ballot"
            print(f"{options.voters} voters for {options.ballot_seconds:g} s…", flush=True)
            time.sleep(1)
            cpu_before = server.worker_cpu_seconds()
            ballots = drive_ballots(
                server.port, path, world["voter_tokens"][: options.voters], options.ballot_seconds
            )
            ballots["server_cpu_ms"] = round(
                1000 * (server.worker_cpu_seconds() - cpu_before) / max(1, ballots["requests"]), 2
            )
            ballots["load_average"] = round(os.getloadavg()[0], 2)
            report["memory"] = server.memory()
        log = server.log_text()
        ballots.update(
            queries_per_ballot=ballot_queries,
            database_is_locked_in_server_log=log.lower().count("database is locked"),
            tracebacks_in_server_log=log.count("Traceback"),
        )
        report["ballots"] = ballots
        print(json.dumps(ballots), flush=True)
        report["pages"] = [{k: v for k, v in i.items() if k != "who"} for i in items]
        RESULTS.mkdir(parents=True, exist_ok=True)
        name = f"scale-{options.database}-{options.factor:g}x"
        if options.only:
            name += "-partial"
        (RESULTS / f"{name}.json").write_text(json.dumps(report, indent=2, default=str) + "\n")
        (RESULTS / f"{name}.md").write_text(markdown(report))
        print(f"written: {(RESULTS / name).relative_to(ROOT)}.md and .json")


if __name__ == "__main__":
    main()
