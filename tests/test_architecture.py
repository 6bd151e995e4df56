"""The shape of ``board/``: no import cycles, services free of the web and socket layers, small modules.

The import graph is read from the source (``ast``): every ``import`` and ``from … import``, at module
level and inside functions alike (a lazy import still ties two modules together). ``from pkg import
name`` is an edge to the submodule ``pkg.name`` when there is one, else to ``pkg`` itself (its
``__init__``); relative imports are resolved against the importing module.
"""
from __future__ import annotations

import ast
from pathlib import Path

BOARD = Path(__file__).resolve().parent.parent / "board"
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its ``__init__``)."""
    found = {}
    for path in sorted(BOARD.rglob("*.py")):
        parts = list(path.relative_to(BOARD.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _known(name: str) -> str | None:
    """``name`` or its nearest enclosing module of ``board``; ``None`` outside the package."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(module: str) -> dict[str, set[str]]:
    """What ``module`` imports: ``{"board": {board modules}, "external": {top-level names}}``."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: dict[str, set[str]] = {"board": set(), "external": set()}
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package
                for _ in range(node.level - 1):
                    anchor = anchor.rpartition(".")[0]
                base = f"{anchor}.{base}" if base else anchor
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        else:
            continue
        for target in targets:
            if target == "board" or target.startswith("board."):
                known = _known(target)
                if known and known != module:
                    found["board"].add(known)
            else:
                found["external"].add(target)
    return found


GRAPH = {m: imports_of(m) for m in MODULES}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles of ``graph``: each strongly connected component of more than one module,
    given as one closed path through it (Tarjan's algorithm, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(_path_through(graph, component))
    return found


def _path_through(graph: dict[str, set[str]], component: set[str]) -> list[str]:
    """One cycle inside a strongly connected ``component``, from its first module back to it."""
    start = min(component)
    parents: dict[str, str] = {}
    frontier = [start]
    while frontier:
        nxt = []
        for node in frontier:
            for child in sorted(graph[node] & component):
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(parents[path[-1]])
                    return [*reversed(path), start]
                if child not in parents:
                    parents[child] = node
                    nxt.append(child)
        frontier = nxt
    return sorted(component)


def test_the_cycle_finder_finds_a_cycle_and_names_it():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(graph) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_relative_and_lazy_imports_are_resolved_to_the_module_they_name():
    handlers = GRAPH["board.realtime.handlers"]["board"]
    assert {"board.uow", "board.services.log", "board.realtime.boards"} <= handlers
    # create_app imports what it wires inside the function
    assert {"board.api.mount", "board.realtime.publisher", "board.uow"} <= GRAPH["board.app"]["board"]


def test_board_has_no_import_cycle():
    found = cycles({m: deps["board"] for m, deps in GRAPH.items()})
    assert not found, "import cycles: " + "; ".join(" → ".join(c) for c in found)


def test_services_know_nothing_of_the_web_or_socket_layers():
    wrong = {}
    for module in (m for m in MODULES if m.startswith("board.services.")):
        deps = GRAPH[module]
        bad = {d for d in deps["board"] if d == "board.app" or d.startswith(("board.realtime", "board.api"))}
        bad |= {d for d in deps["external"] if d.split(".")[0] == "flask_socketio"}
        if bad:
            wrong[module] = sorted(bad)
    assert not wrong, wrong


def test_the_unit_of_work_imports_no_realtime_or_web_code():
    for module in ("board.uow", "board.outbox"):
        deps = GRAPH[module]
        assert not {d for d in deps["board"] if d.startswith(("board.realtime", "board.api", "board.app"))}, module
        assert not {d for d in deps["external"] if d.split(".")[0] in ("flask_socketio", "socketio", "flask")}, module


def test_realtime_control_does_not_import_the_handlers():
    assert "board.realtime.handlers" not in GRAPH["board.realtime.control"]["board"]


def test_every_module_is_under_400_lines():
    sizes = {str(path.relative_to(BOARD.parent)): len(path.read_text().splitlines()) for path in MODULES.values()}
    too_long = {path: lines for path, lines in sizes.items() if lines >= MAX_LINES}
    assert not too_long, f"split these by what they hold: {too_long}"


GENERATED = "// Generated by"  # the first line of a generated file (src/api/schema.ts: `npm run gen:api`)


def test_every_web_app_module_is_under_400_lines():
    src = BOARD.parent / "frontend" / "src"
    sizes = {str(path.relative_to(src)): path.read_text().splitlines()
             for path in sorted([*src.rglob("*.ts"), *src.rglob("*.tsx")])}
    assert sizes, "no web app sources found"
    too_long = {path: len(lines) for path, lines in sizes.items()
                if len(lines) >= MAX_LINES and not lines[0].startswith(GENERATED)}
    assert not too_long, f"split these by what they hold: {too_long}"
