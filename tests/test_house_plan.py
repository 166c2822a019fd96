"""The house plan, as its imports draw it: no loop between project files, no floor reaching
up (parsers and storage below intake, intake below the web app, the command line on top),
and no module taking another's private names. A newcomer reads the flow from the imports;
these tests keep it readable."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("parsers", "storage", "intake", "web")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _sources() -> dict[str, Path]:
    out = {}
    for pkg in PACKAGES:
        for path in (ROOT / pkg).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            out[_module_name(path)] = path
    return out


SOURCES = _sources()


def _resolve(module: str, node: ast.ImportFrom | ast.Import, is_package: bool) -> list[tuple[str, list[str]]]:
    """(imported project module, names taken from it) for one import statement."""
    if isinstance(node, ast.Import):
        return [(a.name, []) for a in node.names if a.name.split(".")[0] in PACKAGES]
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    if target.split(".")[0] not in PACKAGES:
        return []
    out = []
    names = []
    for alias in node.names:
        sub = f"{target}.{alias.name}"
        if sub in SOURCES:  # `from . import queries`: the module itself
            out.append((sub, []))
        else:
            names.append(alias.name)
    if names or not out:
        out.append((target, names))
    return out


def _imports() -> list[tuple[str, str, list[str], bool]]:
    """(importer, imported, names, inside a function) over every project file."""
    found = []
    for module, path in SOURCES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        is_package = path.name == "__init__.py"
        in_function: set[int] = set()
        for fn in ast.walk(tree):
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                in_function.update(id(n) for n in ast.walk(fn) if n is not fn)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                for target, names in _resolve(module, node, is_package):
                    if target in SOURCES or any(s.startswith(target + ".") for s in SOURCES):
                        found.append((module, target, names, id(node) in in_function))
    return found


IMPORTS = _imports()


def _floor(module: str) -> int:
    """parsers, storage: 0; intake (but its command line): 1; web: 2; intake.cli: 3."""
    if module.startswith("intake.cli"):
        return 3
    return {"parsers": 0, "storage": 0, "intake": 1, "web": 2}[module.split(".")[0]]


def test_no_import_loop_between_project_files():
    graph: dict[str, set[str]] = {m: set() for m in SOURCES}
    for src, dst, _names, _inner in IMPORTS:
        if dst in SOURCES and dst != src and not src.startswith(dst + "."):
            graph[src].add(dst)
    # Tarjan's strongly connected components: any with two files or more is a loop
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    loops: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                loops.append(sorted(comp))

    for v in graph:
        if v not in index:
            visit(v)
    assert loops == []


def test_no_floor_imports_one_above_it():
    upward = [f"{src} -> {dst}" for src, dst, _n, _i in IMPORTS if _floor(dst) > _floor(src)]
    assert upward == []


# intake's rooms along the way an email travels: what it reads, how it answers, what the
# committee gets, and the worker that files it all (its shared bottom: config, vocabulary,
# decisions). A room imports only rooms before it.
ROOMS = ("reading", "answering", "committee", "filing")


def _room(module: str) -> int:
    parts = module.split(".")
    return ROOMS.index(parts[1]) + 1 if len(parts) > 2 and parts[0] == "intake" and parts[1] in ROOMS else 0


def test_intake_rooms_follow_the_email():
    later = [f"{src} -> {dst}" for src, dst, _n, _i in IMPORTS
             if src.startswith("intake.") and dst.startswith("intake.") and not src.startswith("intake.cli")
             and _room(dst) > _room(src)]
    assert later == []
    assert all((ROOT / "intake" / room / "__init__.py").is_file() for room in ROOMS)


def test_no_module_takes_another_modules_private_names():
    private = [f"{src} takes {name} from {dst}" for src, dst, names, _i in IMPORTS
               for name in names if name.startswith("_") and not name.startswith("__")]
    assert private == []


@pytest.mark.parametrize("package", ["intake", "web"])
def test_project_imports_sit_at_the_top_of_their_module(package):
    """An import inside a function hides the graph; the command line's lazy import of the
    web app (FastAPI, uvicorn only for `web`) is the one the README explains."""
    allowed = {("intake.cli.web", "web.app"), ("intake.cli.web", "web.pages")}
    inner = sorted({f"{src} -> {dst}" for src, dst, _n, inside in IMPORTS
                    if inside and src.split(".")[0] == package and (src, dst) not in allowed})
    assert inner == []


def _module_aliases(module: str, path: Path) -> tuple[ast.Module, dict[str, str]]:
    """The names a file binds to project modules (`from intake import worker`, `import web.x as y`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for target, _names in _resolve(module, node, path.name == "__init__.py"):
                if target in SOURCES:
                    for alias in node.names:
                        if target.endswith("." + alias.name) or target == alias.name:
                            aliases[alias.asname or alias.name] = target
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in SOURCES and alias.asname:
                    aliases[alias.asname] = alias.name
    return tree, aliases


def test_no_module_reaches_into_another_modules_private_attributes():
    """`worker._Pass` from another file is a private name all the same."""
    reached = []
    for module, path in SOURCES.items():
        tree, aliases = _module_aliases(module, path)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id in aliases and node.attr.startswith("_")
                    and not node.attr.startswith("__")):
                reached.append(f"{module} uses {aliases[node.value.id]}.{node.attr}")
    assert sorted(set(reached)) == []
