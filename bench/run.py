# ruff: noqa: S603, S607, S608 (a local tool running fixed commands on its own databases)
"""`make bench`: the production stack on this machine, at each community size, under load.

For each size: a fresh PostgreSQL database (alongside_bench_<size>), migrate, load_demo,
make_community; production settings over the local PostgreSQL and Redis; collectstatic;
gunicorn; then wrk (a separate process, loopback only) against every page, the ceiling view
first. Writes bench/results/<date>.json, .md and .svg and prints the table. See README.md.
"""

import argparse
import datetime
import json
import os
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import DIAGNOSIS, PAGES, page_plan
from probe import probe
from report import budgets, markdown, svg_chart

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PG = "postgres://postgres@127.0.0.1:5432"
PORT = 8020
CORES = os.cpu_count() or 2
# Gunicorn's own advice for sync workers: (2 x cores) + 1; one request in flight per worker.
WORKERS = 2 * CORES + 1
# Posting limits hold per member and hour (20 updates, 60 comments): spread writes over many.
SESSIONS = 1000
CSRF = "benchcsrftoken0123456789abcdefAB"  # 32 characters: an unmasked CSRF secret


def main() -> None:
    args = _arguments()
    if shutil.which("wrk") is None:
        _install_wrk()
    started = datetime.datetime.now(datetime.UTC)
    results = {"meta": _meta(args, started), "sizes": {}}
    for size in args.sizes:
        results["sizes"][str(size)] = _bench_size(size, args)
    results["budgets"] = budgets(results)
    _write(results, started, partial=bool(args.only))


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="3000 216000 1000000", help="Member counts.")
    parser.add_argument("--duration", type=int, default=10, help="Seconds of load per page.")
    parser.add_argument("--warmup", type=int, default=2, help="Seconds of unmeasured load first.")
    parser.add_argument("--connections", type=int, default=WORKERS, help="Saturating load.")
    parser.add_argument("--calm-connections", type=int, default=CORES, help="Latency phase.")
    parser.add_argument("--latency-duration", type=int, default=6, help="Seconds, 0: skip.")
    parser.add_argument("--max-requests", type=int, default=20000, help="Per page.")
    parser.add_argument("--reuse", action="store_true", help="Keep a complete database.")
    parser.add_argument("--redis-db", type=int, default=9)
    parser.add_argument("--only", default="", help="Comma-separated page names (re-runs).")
    args = parser.parse_args()
    args.sizes = [int(size) for size in args.sizes.replace(",", " ").split()]
    return args


def _install_wrk() -> None:
    print("wrk is missing: installing it from Debian's packages", flush=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)


def _meta(args, started) -> dict:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    return {
        "started": started.isoformat(timespec="seconds"),
        "commit": commit,
        "cores": CORES,
        "server": f"gunicorn, {WORKERS} sync workers (2 x {CORES} cores + 1)",
        "load": (
            f"wrk, 1 thread, {args.connections} connections, {args.warmup} s warm-up then "
            f"{args.duration} s per page; then {args.latency_duration} s with "
            f"{args.calm_connections} connections (one request per core) for latency"
        ),
        "max_requests": args.max_requests,
    }


def _bench_size(size: int, args) -> dict:
    env = _environment(size, args)
    generated = _database(size, env, args.reuse)
    _run(["redis-cli", "-n", str(args.redis_db), "FLUSHDB"], env)
    _manage(["collectstatic", "--no-input", "-v0"], env)
    fixtures = json.loads(_manage(["bench_fixtures", "--sessions", str(SESSIONS)], env))
    server = _serve(env)
    try:
        pages = _bench_pages(fixtures, args)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"members": size, "generation": generated, "pages": pages}


def _environment(size: int, args) -> dict:
    return {
        **os.environ,
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"{PG}/alongside_bench_{size}",
        "REDIS_URL": f"redis://127.0.0.1:6379/{args.redis_db}",
        "CACHE_PREFIX": f"bench{size}",
        "BENCH_CEILING_VIEW": "1",
        "BENCH_QUERY_COUNT": "1",
        "LOG_LEVEL": "ERROR",
    }


def _database(size: int, env: dict, reuse: bool) -> dict:
    """A fresh database filled to `size` members, unless --reuse finds a complete one."""
    name = f"alongside_bench_{size}"
    if reuse and _complete(name, size):
        print(f"\n== {size:,} members: reusing {name}", flush=True)
        _manage(["migrate", "--no-input", "-v0"], env)  # this code's migrations, as a deploy runs
        return {"reused": True}
    print(f"\n== {size:,} members: creating {name}", flush=True)
    _psql(f'DROP DATABASE IF EXISTS "{name}"')
    _psql(f'CREATE DATABASE "{name}"')
    _manage(["migrate", "--no-input", "-v0"], env)
    _manage(["load_demo", "--members", "300", "--quiet"], env)
    started = time.monotonic()
    summary = _manage(["make_community", "--members", str(size)], env, echo=True)
    seconds = time.monotonic() - started
    _psql(f"COMMENT ON DATABASE \"{name}\" IS 'alongside bench complete {size}'")
    return {"reused": False, "make_community_seconds": round(seconds, 1), "summary": summary}


def _complete(name: str, size: int) -> bool:
    found = subprocess.run(
        [
            "psql",
            f"{PG}/postgres",
            "-tAc",
            f"SELECT shobj_description(oid, 'pg_database') "
            f"FROM pg_database WHERE datname = '{name}'",
        ],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return found == f"alongside bench complete {size}"


def _psql(sql: str) -> None:
    subprocess.run(["psql", f"{PG}/postgres", "-qc", sql], check=True)


def _manage(argv: list[str], env: dict, echo: bool = False) -> str:
    command = [PYTHON, "manage.py", *argv]
    if echo:  # long: let its progress bar through, keep the summary
        done = subprocess.run(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
        print(done.stdout, flush=True)
        done.check_returncode()
        return done.stdout
    return _run(command, env)


def _run(command: list[str], env: dict) -> str:
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr}")
    return done.stdout


def _serve(env: dict) -> subprocess.Popen:
    command = [GUNICORN, "config.wsgi:application", "--workers", str(WORKERS)]
    command += ["--bind", f"127.0.0.1:{PORT}", "--worker-class", "sync", "--log-level", "error"]
    server = subprocess.Popen(command, env=env, cwd=ROOT)
    for _ in range(120):
        try:
            probe(f"http://localhost:{PORT}", {"path": "/healthz", "method": "GET"}, [], CSRF)
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    sys.exit("gunicorn did not start")


def _bench_pages(fixtures: dict, args) -> dict:
    base = f"http://localhost:{PORT}"
    cookies = [f"sessionid={key}; csrftoken={CSRF}" for key in fixtures["sessions"]]
    # Journal pages are their owner's alone: they run with the journal keeper's session.
    journal_cookies = [f"sessionid={key}; csrftoken={CSRF}" for key in fixtures.get("journal", [])]
    results = {}
    for page in PAGES:
        if args.only and page["name"] not in [*args.only.split(","), *DIAGNOSIS]:
            continue
        plan = page_plan(page, fixtures["targets"])
        if plan is None:
            print(f"  {page['label']:<26} not available (no data or no route yet)", flush=True)
            results[page["name"]] = {"label": page["label"], "available": False}
            continue
        chosen = journal_cookies if page["journal"] else cookies
        results[page["name"]] = _bench_page(base, page, plan, chosen, args)
    return results


def _bench_page(base: str, page: dict, plan: dict, cookies: list[str], args) -> dict:
    session_cookies = cookies if page["member"] else []
    checked = probe(base, plan, session_cookies, CSRF)
    if plan["method"] == "GET" and checked["location"].startswith("/"):
        plan = {**plan, "path": checked["location"]}  # e.g. /resources/ -> the library page
        checked = probe(base, plan, session_cookies, CSRF)
    if not checked["ok"]:
        print(f"  {page['label']:<26} not available (HTTP {checked['status']})", flush=True)
        return {"label": page["label"], "available": False, "status": checked["status"]}
    if args.warmup:  # every worker imports, compiles templates and fills caches first
        _wrk(base, plan, session_cookies, args, seconds=args.warmup)
    load = _wrk(base, plan, session_cookies, args)
    if args.latency_duration:
        calm = _wrk(base, plan, session_cookies, args, seconds=args.latency_duration, calm=True)
        load.update({f"calm_{key}": calm[key] for key in ("rps", "p50_ms", "p95_ms", "p99_ms")})
        load["errors"] += calm["errors"]
    result = {"label": page["label"], "available": True, "write": page["write"], **checked}
    result["member"] = page["member"]
    result.update(load)
    print(
        f"  {page['label']:<26} {load['rps']:>8.1f} req/s  p95 {load['p95_ms']:.1f} ms | "
        f"calm p50 {load.get('calm_p50_ms', 0):.1f} p95 {load.get('calm_p95_ms', 0):.1f} "
        f"p99 {load.get('calm_p99_ms', 0):.1f} ms  errors {load['errors']}  "
        f"queries {checked['queries']}  {checked['weight_bytes'] / 1024:.1f} KB",
        flush=True,
    )
    return result


def _wrk(base, plan: dict, cookies: list[str], args, seconds: int = 0, calm=False) -> dict:
    out = ROOT / "bench" / "results" / ".wrk.json"
    config = ROOT / "bench" / "results" / ".wrk-config.lua"
    config.write_text(_lua_config(plan, cookies, args, out))
    command = [
        "wrk",
        "-t1",
        f"-c{args.calm_connections if calm else args.connections}",
        f"-d{seconds or args.duration}s",
        "--timeout",
        "5s",
    ]
    command += ["-s", str(ROOT / "bench" / "wrk.lua"), base + plan["path"]]
    subprocess.run(
        command,
        env={**os.environ, "BENCH_WRK_CONFIG": str(config)},
        capture_output=True,
        check=True,
    )
    raw = json.loads(out.read_text())
    seconds = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "rps": raw["requests"] / seconds if seconds else 0.0,
        "p50_ms": raw["latency_us"]["p50"] / 1000,
        "p95_ms": raw["latency_us"]["p95"] / 1000,
        "p99_ms": raw["latency_us"]["p99"] / 1000,
        "errors": sum(raw["errors"].values()),
        "error_detail": raw["errors"],
    }


def _lua_config(plan: dict, cookies: list[str], args, out: Path) -> str:
    def quoted(text: str) -> str:
        return json.dumps(text)  # a JSON string is a valid Lua string here (ASCII only)

    items = ", ".join(quoted(cookie) for cookie in cookies)
    return (
        f"return {{ method = {quoted(plan['method'])}, path = {quoted(plan['path'])}, "
        f"body = {quoted(plan.get('body', ''))}, cookies = {{ {items} }}, "
        f"csrf = {quoted(CSRF)}, max_requests = {args.max_requests}, out = {quoted(str(out))} }}\n"
    )


def _write(results: dict, started, partial: bool) -> None:
    """A re-run of some pages is kept beside the day's full run, never in its place."""
    stamp = started.strftime("%Y-%m-%d") + (started.strftime("-pages-%H%M") if partial else "")
    folder = ROOT / "bench" / "results"
    if (folder / f"{stamp}.json").exists():  # a second run that day keeps the first
        stamp += started.strftime("-%H%M")
    (folder / f"{stamp}.json").write_text(json.dumps(results, indent=2) + "\n")
    table = markdown(results, chart=f"{stamp}.svg")
    (folder / f"{stamp}.md").write_text(table)
    (folder / f"{stamp}.svg").write_text(svg_chart(results))
    if not partial:
        (folder / "latest.md").write_text(table)
    for scratch in (".wrk.json", ".wrk-config.lua"):
        (folder / scratch).unlink(missing_ok=True)
    print("\n" + table)
    print(f"Written: bench/results/{stamp}.json, .md and .svg")


if __name__ == "__main__":
    main()
