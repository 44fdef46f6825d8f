"""Measure the seams between apps: `python scripts/layer_report.py [--edges]`.

Prints, for the apps under alongside/ (tests excluded, they sit on top of everything):
- apps in import cycles, counting module-level imports only and then every import;
- imports that run up the layer order written in docs/architecture.md;
- imports hidden in strings (apps.get_model, import_string, dotted paths to other apps);
- ORM write calls outside services.py (and outside migrations, tests, demo, management commands);
- policy rules defined more than once (a few named helpers that must exist once);
- typed and untyped parameters (*args and **kwargs included), and return annotations, of the
  public functions of services.py and selectors.py.
"""

from __future__ import annotations

import ast
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(sys.argv[sys.argv.index("--root") + 1] if "--root" in sys.argv else __file__)
ROOT = ROOT.resolve() if "--root" in sys.argv else ROOT.resolve().parent.parent
PKG = ROOT / "alongside"

# Bottom to top, as in docs/architecture.md and .importlinter; apps in one tuple are peers.
LAYERS: list[tuple[str, ...]] = [
    ("core",),
    ("communities",),
    ("accounts",),
    ("notifications",),
    ("moderation",),
    ("teams",),
    ("conversations",),
    ("questions",),
    ("articles",),
    ("treatments", "newsletter", "inbox"),
    ("search",),
    ("ops",),
    ("demo",),
    ("testing",),
]
RANK = {app: i for i, layer in enumerate(LAYERS) for app in layer}

WRITE_CALLS = {
    "save",
    "delete",
    "create",
    "update",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
}
SKIP_PARTS = {"tests", "migrations", "management", "testing", "demo", "scale"}


def app_of(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) >= 2 and parts[0] == "alongside":
        return parts[1]
    return None


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def production_files() -> list[Path]:
    return [p for p in PKG.rglob("*.py") if "tests" not in p.parts and "migrations" not in p.parts]


def imports(path: Path) -> list[tuple[str, bool]]:
    """(imported module, at module level?) for each alongside import in the file."""
    tree = ast.parse(path.read_text())
    found: list[tuple[str, bool]] = []
    me = module_name(path)

    def visit(node: ast.AST, top: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = top and not isinstance(
                child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
            )
            if isinstance(child, ast.Import):
                found.extend((a.name, top) for a in child.names if a.name.startswith("alongside"))
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    pkg = me.split(".")
                    if path.name != "__init__.py":
                        pkg = pkg[:-1]
                    pkg = pkg[: len(pkg) - child.level + 1]
                    base = ".".join([*pkg, base] if base else pkg)
                if base.startswith("alongside"):
                    found.append((base, top))
            elif isinstance(child, ast.If) and _is_type_checking(child.test):
                continue  # typing-only imports never run
            visit(child, inner)

    visit(tree, True)
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def app_graph(module_level_only: bool) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for path in production_files():
        src = app_of(module_name(path))
        for target, top in imports(path):
            dst = app_of(target)
            if src and dst and src != dst and (top or not module_level_only):
                graph[src].add(dst)
    return graph


def apps_in_cycles(graph: dict[str, set[str]]) -> list[str]:
    """Apps that belong to a strongly connected component of more than one app (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[str] = []
    counter = [0]

    def strong(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.extend(comp)

    sys.setrecursionlimit(10000)
    for v in list(graph):
        if v not in index:
            strong(v)
    return sorted(out)


def upward_imports() -> list[str]:
    found = []
    for path in production_files():
        src = app_of(module_name(path))
        for target, _top in imports(path):
            dst = app_of(target)
            if src in RANK and dst in RANK and RANK[dst] > RANK[src]:
                found.append(f"{path.relative_to(ROOT)} -> {target}")
    return found


STRING_IMPORT = re.compile(r"""(get_model\(|import_string\(|["']alongside\.(\w+)\.)""")


def string_imports() -> list[str]:
    """Cross-app references hidden in strings: get_model, import_string, dotted paths."""
    found = []
    for path in production_files():
        src = app_of(module_name(path))
        for n, line in enumerate(path.read_text().splitlines(), 1):
            for m in STRING_IMPORT.finditer(line):
                if m.group(2) and m.group(2) == src:
                    continue
                found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()[:90]}")
    return found


def writes_outside_services() -> list[str]:
    found = []
    for path in production_files():
        if path.name == "services.py" or path.stem == "demo" or SKIP_PARTS & set(path.parts):
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in WRITE_CALLS
                and _looks_like_orm(node.func.value)
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} .{node.func.attr}()")
    return found


def _looks_like_orm(value: ast.expr) -> bool:
    """A queryset, manager or model instance (or a ModelForm), not dict.update or cache.delete."""
    text = ast.unparse(value)
    if re.search(r"\.objects\b|\.filter\(|\.exclude\(|\.all\(\)|_set\b", text):
        return True
    if re.search(
        r"(cache|session|headers|context|kwargs|data|params|attrs|fields|defaults|initial)$", text
    ):
        return False
    return bool(re.fullmatch(r"[a-z_]+(\.instance)?|self\.[a-z_]+_form", text)) and text not in {
        "self",
        "super",
        "parser",
        "messages",
        "response",
        "router",  # @router.delete(...) declares a route
        "errors",  # dicts in core.api and moderation.selectors
        "values",
    }


# Each rule's tell-tale line; a rule written in more than one place shows up more than once.
POLICY = {
    "suspension check": r"Suspension\.objects\.filter\(\s*$|"
    r"until__gt=timezone\.now\(\)\s*\)\.exists",
    "new-member link rule": r"^_LINK = re\.compile",
    "hourly limit message": r"You have posted a lot in the last hour",
    "suspended message": r"paused your posting for now|cannot post here at the moment",
    "trust level 0 test": r"trust_level (==|>) 0",
    "counts in figures": r"profile__count_in_figures",
    "quotable": r"quote_consent_at__isnull=False,(\s*$| visibility)"
    r"|or \w+\.quote_consent_at is None",
    "keyset cursor": r"^_EPOCH = datetime\(1970",
    "audience check": r"def can_see\(|(_audience|^\s+audience)(__in)?(=| == )Audience\.",
    "API Error schema": r"class Error\(Schema\)",
}


def policy_definitions() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, pattern in POLICY.items():
        rx = re.compile(pattern)
        found[name] = [
            f"{p.relative_to(ROOT)}:{n}"
            for p in production_files()
            if "demo" not in p.parts and p.stem != "demo"
            for n, line in enumerate(p.read_text().splitlines(), 1)
            if rx.search(line) and 'f"{prefix}' not in line
        ]
    return found


def typed_parameters() -> tuple[int, int, int, int]:
    typed = untyped = returns = functions = 0
    for path in production_files():
        if path.name not in {"services.py", "selectors.py"}:
            continue
        tree = ast.parse(path.read_text())
        for node in tree.body:
            public = not getattr(node, "name", "_").startswith("_")
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and public:
                functions += 1
                returns += node.returns is not None
                args = node.args
                named = [*args.posonlyargs, *args.args, *args.kwonlyargs]
                for a in [*named, *filter(None, [args.vararg, args.kwarg])]:
                    if a.arg in {"self", "cls"}:
                        continue
                    if a.annotation is None:
                        untyped += 1
                    else:
                        typed += 1
    return typed, untyped, returns, functions


def main() -> None:
    verbose = "--edges" in sys.argv
    top = app_graph(module_level_only=True)
    every = app_graph(module_level_only=False)
    apps = sorted(p.name for p in PKG.iterdir() if (p / "apps.py").exists())
    print(f"apps: {len(apps)}")
    cyc_top, cyc_all = apps_in_cycles(top), apps_in_cycles(every)
    print(f"apps in import cycles (module-level imports): {len(cyc_top)} {cyc_top}")
    print(f"apps in import cycles (all imports): {len(cyc_all)} {cyc_all}")
    up = upward_imports()
    print(f"imports running up the layer order: {len(up)}")
    strings = string_imports()
    print(f"imports hidden in strings (get_model, import_string, dotted paths): {len(strings)}")
    writes = writes_outside_services()
    print(f"ORM write calls outside services.py: {len(writes)}")
    policy = policy_definitions()
    twice = {k: v for k, v in policy.items() if len(v) > 1}
    print(f"policy rules defined more than once: {len(twice)} {sorted(twice)}")
    typed, untyped, returns, functions = typed_parameters()
    print(
        f"services/selectors parameters typed: {typed}, untyped: {untyped}; "
        f"public functions with a return type: {returns}/{functions}"
    )
    if verbose:
        print("\nedges (all imports):")
        for src in sorted(every):
            print(f"  {src} -> {', '.join(sorted(every[src]))}")
        for title, rows in [
            ("upward", up),
            ("strings", strings),
            ("writes", writes),
        ]:
            print(f"\n{title}:")
            for row in rows:
                print("  " + row)
        print("\npolicy:")
        for k, v in policy.items():
            print(f"  {k}: {v}")


if __name__ == "__main__":
    main()
