"""Budgets, the Markdown table and the SVG chart, from the results dictionary."""

import itertools

from pages import DIAGNOSIS

P95_MS = 50.0
GROWTH = 1.3
# Below this, a p95 is a few scheduler hiccups: its growth is shown, not budgeted.
NOISE_P95_MS = 5.0
NOISE_SERVICE_MS = 2.0  # a cached page's 1 ms varies two-fold between runs of the same code
ARTICLE_SHARE = 0.7
MAX_QUERIES = 12
MAX_WEIGHT = 50 * 1024
# Signed-in pages against the (anonymous) ceiling: throughput shares and service-time multiples.
SIGNED_IN_SHARE = 0.15
QUESTION_SHARE = 0.2
WRITE_SHARE = 0.2
SERVICE_MULTIPLE = 8.0


def _sizes(results: dict) -> list[str]:
    return sorted(results["sizes"], key=int)


def p95(page: dict) -> float:
    """The p95 the budgets read: with one request per core when measured, else saturated."""
    return page.get("calm_p95_ms", page["p95_ms"])


def _measured(results: dict, size: str) -> dict:
    pages = results["sizes"][size]["pages"]
    return {name: page for name, page in pages.items() if page.get("available")}


def budgets(results: dict) -> list[dict]:
    sizes = _sizes(results)
    checks = []
    largest = _measured(results, sizes[-1])
    for name, page in largest.items():
        if not page["write"] and name not in DIAGNOSIS:
            checks.append(_check("p95 <= 50 ms", name, sizes[-1], p95(page), P95_MS))
            checks.append(_check("zero errors", name, sizes[-1], page["errors"], 0))
    for small_size, large_size in itertools.pairwise(sizes):
        checks += _growth_checks(results, small_size, large_size)
    for size in sizes:
        checks += _page_checks(_measured(results, size), size)
    return checks


def _growth_checks(results: dict, small_size: str, large_size: str) -> list[dict]:
    """Each size against the next smaller: median service time and p95 of every page slow
    enough for them not to be noise (the ceilings are the yardstick, not pages)."""
    small, large = _measured(results, small_size), _measured(results, large_size)
    checks = []
    for name, page in large.items():
        if name not in small or name in DIAGNOSIS:
            continue
        before, after = small[name].get("service_ms"), page.get("service_ms")
        if before and after and before >= NOISE_SERVICE_MS:
            budget = f"service growth <= 1.3x ({int(small_size):,} ->)"
            checks.append(_check(budget, name, large_size, after / before, GROWTH))
        if p95(small[name]) >= NOISE_P95_MS:
            budget = f"p95 growth <= 1.3x ({int(small_size):,} ->)"
            checks.append(_check(budget, name, large_size, p95(page) / p95(small[name]), GROWTH))
    return checks


def _page_checks(pages: dict, size: str) -> list[dict]:
    checks = []
    if "article" in pages and "ceiling" in pages:
        share = pages["article"]["rps"] / pages["ceiling"]["rps"]
        checks.append(
            _check("article >= 0.7 x ceiling", "article", size, share, ARTICLE_SHARE, True)
        )
    checks += _signed_in_checks(pages, size)
    for name, page in pages.items():
        checks.append(_check("queries <= 12", name, size, page["queries"], MAX_QUERIES))
        if not page["write"]:
            checks.append(_check("weight <= 50 KB", name, size, page["weight_bytes"], MAX_WEIGHT))
    return checks


def _signed_in_checks(pages: dict, size: str) -> list[dict]:
    """Each signed-in page's throughput as a share of the ceiling's, and its median service
    time as a multiple of the ceiling's (issue: signed-in pages five times faster)."""
    ceiling = pages.get("ceiling")
    if not ceiling or not ceiling.get("rps"):
        return []
    checks = []
    for name, page in pages.items():
        if not page.get("member") or name in DIAGNOSIS:
            continue
        share = page["rps"] / ceiling["rps"]
        least = WRITE_SHARE if page["write"] else SIGNED_IN_SHARE
        least = QUESTION_SHARE if name == "question" else least
        checks.append(_check(f"signed in >= {least}x ceiling", name, size, share, least, True))
        if ceiling.get("service_ms") and page.get("service_ms"):
            multiple = page["service_ms"] / ceiling["service_ms"]
            checks.append(_check("service <= 8x ceiling's", name, size, multiple, SERVICE_MULTIPLE))
    return checks


def _check(budget, page, size, value, limit, at_least=False) -> dict:
    met = value >= limit if at_least else value <= limit
    return {"budget": budget, "page": page, "size": int(size), "value": value, "met": met}


def markdown(results: dict, chart: str) -> str:
    meta = results["meta"]
    lines = [f"# Benchmark {meta['started']} (commit {meta['commit']})", ""]
    lines += [f"- Server: {meta['server']}; load: {meta['load']}, loopback."]
    lines += [
        "- Throughput is measured with 5 requests in flight (the CPU saturated); p50/p95/p99 "
        "with one request in flight per core (busy, not overloaded). Budgets read the latter; "
        "the saturated p95, which includes time queued for a core, is shown too. Service ms: "
        "the median time inside Django for one request alone (no queueing, no network), "
        "the steadiest figure on a busy machine.",
        "- A shared 2-core machine: wrk, PostgreSQL, Redis and gunicorn share the cores "
        "(and other work may be running), so figures are noisy; compare ratios.",
        "",
    ]
    for size in _sizes(results):
        lines += _size_table(results, size)
    lines += _growth_table(results)
    lines += _budget_lines(results)
    lines += ["", f"![p95 latency per page]({chart})", ""]
    return "\n".join(lines)


def _size_table(results: dict, size: str) -> list[str]:
    data = results["sizes"][size]
    generation = data.get("generation", {})
    took = generation.get("make_community_seconds")
    lines = [f"## {int(size):,} members" + (f" (make_community: {took:.0f} s)" if took else ""), ""]
    lines += [
        "| Page | req/s (5 in flight) | x ceiling | p95 ms (5 in flight) | p50 ms | p95 ms | "
        "p99 ms | errors | queries | service ms | KB gz |"
    ]
    lines += ["|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    ceiling = data["pages"].get("ceiling", {}).get("rps")
    for page in data["pages"].values():
        if not page.get("available"):
            lines.append(f"| {page['label']} | not available | | | | | | | | | |")
            continue
        share = f"{page['rps'] / ceiling:.2f}" if ceiling else "-"
        calm = [page.get(f"calm_{key}", page[key]) for key in ("p50_ms", "p95_ms", "p99_ms")]
        lines.append(
            f"| {page['label']} | {page['rps']:.0f} | {share} | {page['p95_ms']:.1f} | "
            f"{calm[0]:.1f} | {calm[1]:.1f} | {calm[2]:.1f} | {page['errors']} | "
            f"{page['queries']} | {page.get('service_ms', 0):.1f} | "
            f"{page['weight_bytes'] / 1024:.1f} |"
        )
    return [*lines, ""]


def _growth_table(results: dict) -> list[str]:
    sizes = _sizes(results)
    lines = []
    for small_size, large_size in itertools.pairwise(sizes):
        lines += _growth_pair(results, small_size, large_size)
    return lines


def _growth_pair(results: dict, small_size: str, large_size: str) -> list[str]:
    small, large = _measured(results, small_size), _measured(results, large_size)
    title = f"p95 at {int(large_size):,} / p95 at {int(small_size):,} members"
    lines = [f"## Cost growth: {title}", ""]
    lines += [
        "| Page | p95 small ms | p95 large ms | ratio | service small ms | service large ms "
        "| ratio |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, page in large.items():
        if name in small and p95(small[name]):
            ratio = p95(page) / p95(small[name])
            before, after = small[name].get("service_ms", 0), page.get("service_ms", 0)
            growth = f"{after / before:.2f}" if before else "-"
            lines.append(
                f"| {page['label']} | {p95(small[name]):.1f} | {p95(page):.1f} | {ratio:.2f} | "
                f"{before:.1f} | {after:.1f} | {growth} |"
            )
    return [*lines, ""]


def _budget_lines(results: dict) -> list[str]:
    missed = [check for check in results["budgets"] if not check["met"]]
    lines = ["## Budgets", ""]
    lines.append(f"{len(results['budgets']) - len(missed)} of {len(results['budgets'])} met.")
    for check in missed:
        value = check["value"]
        shown = f"{value:.2f}" if isinstance(value, float) else f"{value:,}"
        lines.append(f"- MISSED {check['budget']}: {check['page']} at {check['size']:,} ({shown})")
    return lines


def svg_chart(results: dict) -> str:
    """Grouped horizontal bars: p95 per page, one bar per size, with the 50 ms budget line."""
    sizes = _sizes(results)
    names = [n for n, p in results["sizes"][sizes[-1]]["pages"].items() if p.get("available")]
    values = {s: _measured(results, s) for s in sizes}
    top = max([P95_MS * 1.2] + [p95(v[n]) for v in values.values() for n in names if n in v])
    colours, row, left, width = ["#7cc4e0", "#2f6f8f", "#1b3f52"], 14 * len(sizes) + 10, 190, 560
    height = 60 + row * len(names)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 90}" height="{height}" '
        'font-family="sans-serif" font-size="12">',
        '<text x="10" y="20" font-size="14">p95 latency per page (ms); '
        f"dashed line: the {P95_MS:.0f} ms budget</text>",
    ]
    for i, name in enumerate(names):
        y = 40 + i * row
        label = results["sizes"][sizes[-1]]["pages"][name]["label"]
        parts.append(f'<text x="10" y="{y + 12}">{_escape(label)}</text>')
        for j, size in enumerate(sizes):
            page = values[size].get(name)
            if page:
                bar = width * p95(page) / top
                parts.append(
                    f'<rect x="{left}" y="{y + j * 14}" width="{bar:.1f}" height="12" '
                    f'fill="{colours[j % 3]}"/>'
                    f'<text x="{left + bar + 4:.1f}" y="{y + j * 14 + 10}">'
                    f"{p95(page):.1f} ({int(size):,})</text>"
                )
    line = left + width * P95_MS / top
    parts.append(
        f'<line x1="{line:.1f}" y1="30" x2="{line:.1f}" y2="{height - 10}" '
        'stroke="#b00" stroke-dasharray="4 3"/></svg>'
    )
    return "\n".join(parts) + "\n"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
