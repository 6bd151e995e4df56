"""The test suite's own layout: test modules share helpers through ``tests/support``, never by importing
another test module or a conftest (pytest loads those itself; an import runs them a second time)."""
from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def imports(path: Path):
    """``(module, line)`` for each module ``path`` imports, relative imports resolved."""
    package = list(path.relative_to(TESTS.parent).parent.parts)
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from ((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[:len(package) - node.level + 1] if node.level else [])
            module = ".".join(p for p in (base, node.module or "") if p)
            yield module, node.lineno
            yield from ((f"{module}.{alias.name}", node.lineno) for alias in node.names)


def test_no_test_module_imports_another_or_a_conftest():
    wrong = [f"{path.relative_to(TESTS.parent)}:{line} imports {module}"
             for path in sorted(TESTS.rglob("*.py"))
             for module, line in imports(path)
             if module.split(".")[0] == "tests"
             and (module.rsplit(".", 1)[-1].startswith("test_") or module.rsplit(".", 1)[-1] == "conftest")]
    assert wrong == [], "import shared helpers from tests/support instead:\n" + "\n".join(wrong)
