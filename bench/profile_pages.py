"""`make profile`: where each signed-in page spends its time, under the production settings.

Uses the database `make bench` built for a size (`alongside_bench_<size>`, created if missing),
loads Django in this process with the production settings the bench serves with, and sends each
signed-in page through the whole WSGI handler (every middleware, the session, the templates)
with a bench member's session: a warm-up, then N requests under cProfile. For each page it
writes where the time went, grouped by what did the work (templates, SQL building, the database
driver, model instances, URL reversing, translations, our code ...), and the functions that
spent it, to bench/results/profiles/<date>-<size>/<page>.txt, and a summary table to
summary.md beside them.

    make profile                       # 3,000 members, every signed-in page
    make profile PROFILE_ARGS="--size 216000 --only question,feed"
"""

import argparse
import cProfile
import datetime
import io
import json
import os
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import run as bench
from pages import DIAGNOSIS, PAGES, page_plan

ROOT = bench.ROOT

# What did the work, judged by the file of each function's own time (a partition: every
# millisecond counted once). The first match wins.
GROUPS = [
    ("templates", ("django/template/", "django/templatetags/", "django/utils/safestring")),
    ("forms and widgets", ("django/forms/",)),
    (
        "SQL building",
        (
            "django/db/models/sql/",
            "django/db/models/expressions",
            "django/db/models/lookups",
            "django/db/models/query_utils",
            "django/db/models/fields/related_lookups",
            "django/db/models/functions",
            "django/db/models/aggregates",
            "django/db/backends/",
        ),
    ),
    ("database driver", ("psycopg", "socket")),
    ("model instances and querysets", ("django/db/models/",)),
    ("URL reversing and resolving", ("django/urls/",)),
    ("translations", ("django/utils/translation", "gettext")),
    (
        "dates and formats",
        (
            "django/utils/dateformat",
            "django/utils/formats",
            "django/utils/timesince",
            "django/utils/timezone",
            "zoneinfo",
            "datetime",
        ),
    ),
    (
        "HTML escaping and text",
        (
            "django/utils/html",
            "django/utils/text",
            "django/utils/functional",
            "django/utils/encoding",
            "markupsafe",
            "html/",
        ),
    ),
    (
        "sessions, auth and cache",
        (
            "django/contrib/sessions",
            "django/contrib/auth",
            "django/core/cache",
            "redis",
            "django_redis",
            "allauth",
        ),
    ),
    (
        "middleware and handler",
        (
            "django/core/handlers",
            "django/middleware",
            "django/http",
            "csp/",
            "whitenoise",
            "django/utils/deprecation",
        ),
    ),
    ("Wagtail", ("wagtail/",)),
    ("ninja and pydantic", ("ninja/", "pydantic")),
    ("our code", ("alongside/",)),
    ("Python's standard library", ("<built-in", "<frozen", "~", "/lib/python3")),
]


def main() -> None:
    args = _arguments()
    env = bench._environment(args.size, argparse.Namespace(redis_db=args.redis_db))
    bench._database(args.size, env, reuse=True)
    bench._run(["redis-cli", "-n", str(args.redis_db), "FLUSHDB"], env)
    bench._manage(["collectstatic", "--no-input", "-v0"], env)
    fixtures = json.loads(bench._manage(["bench_fixtures", "--sessions", "20"], env))
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.pop("BENCH_QUERY_COUNT", None)  # the header middleware is not part of a page
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    handler = WSGIHandler()
    stamp = datetime.date.today().isoformat()
    folder = ROOT / "bench" / "results" / "profiles" / f"{stamp}-{args.size}"
    folder.mkdir(parents=True, exist_ok=True)
    if args.timing:
        _timing(handler, fixtures, args)
        return
    rows = []
    for page in PAGES:
        if not page["member"] or (args.only and page["name"] not in args.only.split(",")):
            continue
        plan = page_plan(page, fixtures["targets"])
        if plan is None:
            continue
        sessions = fixtures["journal"] if page["journal"] else fixtures["sessions"]
        rows.append(_profile_page(handler, page, plan, sessions, args, folder))
    (folder / "summary.md").write_text(_summary(rows, args))
    print((folder / "summary.md").read_text())


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=3000)
    parser.add_argument("--requests", type=int, default=60, help="Profiled requests per page.")
    parser.add_argument("--warmup", type=int, default=15)
    parser.add_argument("--only", default="")
    parser.add_argument("--redis-db", type=int, default=9)
    parser.add_argument(
        "--timing",
        action="store_true",
        help="No profiler: the median time of each page (and of the ceiling) in this process, "
        "for a quick before/after of one change.",
    )
    return parser.parse_args()


def _timing(handler, fixtures, args) -> None:
    """Median milliseconds per request, this process alone, each page after a warm-up."""
    ceiling = None
    for page in PAGES:
        wanted = args.only.split(",") if args.only else []
        if wanted and page["name"] not in [*wanted, *DIAGNOSIS]:
            continue
        plan = page_plan(page, fixtures["targets"])
        if plan is None:
            continue
        sessions = fixtures["journal"] if page["journal"] else fixtures["sessions"]
        if not page["member"]:
            sessions = [""]
        for index in range(args.warmup):
            _call(handler, plan, sessions[index % len(sessions)])
        times, cpu = [], []
        for index in range(args.requests):
            started, started_cpu = time.perf_counter(), time.process_time()
            _call(handler, plan, sessions[index % len(sessions)])
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        median = sorted(times)[len(times) // 2]
        median_cpu = sorted(cpu)[len(cpu) // 2]
        ceiling = ceiling or (median, median_cpu)
        print(
            f"  {page['label']:<32} {median:7.2f} ms  {median / ceiling[0]:5.1f}x ceiling | "
            f"this process's CPU {median_cpu:6.2f} ms  {median_cpu / ceiling[1]:5.1f}x",
            flush=True,
        )


def _environ(plan: dict, session: str) -> dict:
    path, _, query = plan["path"].partition("?")
    body = plan.get("body", "").encode()
    environ = {
        "REQUEST_METHOD": plan["method"],
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "HTTP_HOST": "localhost",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_ACCEPT_ENCODING": "gzip",
        "HTTP_COOKIE": f"sessionid={session}; csrftoken={bench.CSRF}",
        "HTTP_X_CSRFTOKEN": bench.CSRF,
        "HTTP_REFERER": "http://localhost/",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    if body:
        environ["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
        environ["CONTENT_LENGTH"] = str(len(body))
    return environ


def _call(handler, plan: dict, session: str) -> int:
    status = []
    response = handler(_environ(plan, session), lambda code, headers: status.append(code))
    b"".join(response)
    getattr(response, "close", lambda: None)()
    return int(status[0].split()[0])


def _profile_page(handler, page, plan, sessions, args, folder) -> dict:
    for index in range(args.warmup):
        code = _call(handler, plan, sessions[index % len(sessions)])
    if code >= 400:
        print(f"  {page['label']}: HTTP {code}, skipped", flush=True)
        return {"page": page, "status": code}
    from django.db import connection, reset_queries

    connection.force_debug_cursor = True
    timings = []
    for _ in range(5):  # the median of five requests for each query
        reset_queries()
        _call(handler, plan, sessions[0])
        timings.append([(float(q["time"]) * 1000, q["sql"]) for q in connection.queries])
    queries = len(connection.queries)
    connection.force_debug_cursor = False
    query_lines = _query_lines(timings)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for index in range(args.requests):
        _call(handler, plan, sessions[index % len(sessions)])
    profiler.disable()
    wall_ms = (time.perf_counter() - started) * 1000 / args.requests
    stats = pstats.Stats(profiler)
    groups, calls = _grouped(stats, args.requests)
    text = _page_report(page, plan, stats, groups, calls, wall_ms, queries, args)
    text += "\n## Each query (median of 5 requests, ms, without the profiler)\n" + query_lines
    (folder / f"{page['name']}.txt").write_text(text)
    print(f"  {page['label']:<26} {wall_ms:6.1f} ms/request under the profiler", flush=True)
    return {"page": page, "status": code, "ms": wall_ms, "groups": groups, "queries": queries}


def _query_lines(timings: list[list[tuple[float, str]]]) -> str:
    lines = []
    shortest = min(len(run) for run in timings)
    for index in range(shortest):
        times = sorted(run[index][0] for run in timings)
        sql = " ".join(timings[-1][index][1].split())
        lines.append(f"  {times[len(times) // 2]:6.2f}  {sql[:400]}")
    return "\n".join(lines) + "\n"


def _group(filename: str) -> str:
    if "site-packages" in filename and not any(
        needle in filename for _name, needles in GROUPS[:-1] for needle in needles
    ):
        return "other libraries"
    for name, needles in GROUPS:
        if any(needle in filename for needle in needles):
            return name
    return "other libraries"


def _grouped(stats: pstats.Stats, requests: int):
    """Own time by group. A built-in (getattr, isinstance, str.join ...) has no file of its own:
    its time goes to whoever called it, shared by the time each caller spent in it."""
    groups: dict[str, float] = defaultdict(float)
    calls: dict[str, int] = defaultdict(int)
    for (filename, _line, function), (_cc, ncalls, tottime, _ct, callers) in stats.stats.items():
        calls[f"{filename}:{function}"] += ncalls
        if filename == "~" and callers:
            spent = {caller: timing[3] for caller, timing in callers.items()}
            whole = sum(spent.values()) or 1.0
            for caller, cumtime in spent.items():
                share = tottime * cumtime / whole
                groups[_group(caller[0] if caller[0] != "~" else caller[2])] += (
                    share * 1000 / requests
                )
            continue
        key = _group(filename if filename != "~" else function)
        groups[key] += tottime * 1000 / requests
    return dict(groups), calls


def _inclusive(stats: pstats.Stats, requests: int, wanted: list[tuple[str, str]]):
    found = {}
    for (filename, _line, function), (_cc, ncalls, _tt, cumtime, _c) in stats.stats.items():
        for label, (needle, name) in wanted:
            if needle in filename and function == name:
                total, count = found.get(label, (0.0, 0))
                found[label] = (total + cumtime * 1000 / requests, count + ncalls / requests)
    return found


MARKERS = [
    ("template rendering (Template.render)", ("django/template/base.py", "render")),
    ("SQL compiling (SQLCompiler.as_sql)", ("django/db/models/sql/compiler.py", "as_sql")),
    ("query execution (execute_sql)", ("django/db/models/sql/compiler.py", "execute_sql")),
    ("model instances (Model.from_db)", ("django/db/models/base.py", "from_db")),
    ("reverse()", ("django/urls/base.py", "reverse")),
    ("gettext()", ("django/utils/translation/__init__.py", "gettext")),
    ("session load", ("django/contrib/sessions/backends/base.py", "_get_session")),
    ("user load (get_user)", ("django/contrib/auth/__init__.py", "get_user")),
]


def _page_report(page, plan, stats, groups, calls, wall_ms, queries, args) -> str:
    total = sum(groups.values())
    lines = [
        f"# {page['label']} ({plan['method']} {plan['path']})",
        f"{args.size:,} members; {args.requests} requests under cProfile after {args.warmup} "
        f"warm-up; {wall_ms:.1f} ms per request with the profiler's overhead; {queries} queries.",
        "",
        "## Where the time went (own time by what did the work, ms per request)",
    ]
    for name, ms in sorted(groups.items(), key=lambda item: -item[1]):
        lines.append(f"  {name:<34} {ms:7.2f}  {100 * ms / total:5.1f} %")
    lines += ["", "## Inclusive time of the usual suspects (ms and calls per request)"]
    for label, (ms, count) in sorted(
        _inclusive(stats, args.requests, MARKERS).items(), key=lambda item: -item[1][0]
    ):
        lines.append(f"  {label:<40} {ms:7.2f} ms  {count:7.1f} calls")
    out = io.StringIO()
    stats.stream = out
    stats.sort_stats("tottime").print_stats(25)
    lines += ["", "## The 25 functions with most own time", _trim(out.getvalue())]
    out = io.StringIO()
    stats.stream = out
    stats.sort_stats("cumulative").print_stats("alongside/", 30)
    lines += ["", "## Our functions by inclusive time", _trim(out.getvalue())]
    return "\n".join(lines) + "\n"


def _trim(text: str) -> str:
    keep = []
    for line in text.splitlines():
        line = line.replace(str(ROOT) + "/", "").replace(str(ROOT / ".venv"), "venv")
        keep.append(line.rstrip())
    start = next((i for i, line in enumerate(keep) if "ncalls" in line), 0)
    return "\n".join(keep[start:])


def _summary(rows, args) -> str:
    names = [name for name, _ in GROUPS] + ["other libraries"]
    head = "| Page | ms | queries | " + " | ".join(names) + " |"
    lines = [
        f"# Signed-in pages profiled at {args.size:,} members "
        f"({datetime.datetime.now(datetime.UTC).isoformat(timespec='minutes')})",
        "",
        "Milliseconds per request under cProfile (its overhead inflates every figure about "
        "1.5-2x; compare the shares, and the same page before and after), split by what did "
        "the work. One file per page beside this one lists the functions.",
        "",
        head,
        "|" + "---|" * (len(names) + 3),
    ]
    for row in rows:
        if "groups" not in row:
            continue
        cells = " | ".join(f"{row['groups'].get(name, 0):.1f}" for name in names)
        lines.append(f"| {row['page']['label']} | {row['ms']:.1f} | {row['queries']} | {cells} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
