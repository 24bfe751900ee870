"""The routers keep HTTP only (issue 28): parse, call a service, shape the answer.

Two checks read the source of `marketplace/routers/` (no server needed):
- no function is over 30 lines, counted from its `def` line to its last line, nested functions included
  (each is also counted on its own);
- no router imports `sqlalchemy` (query builders, sessions, errors) or `marketplace.orm` (the tables it
  would query): queries and the rows they change belong to `marketplace/services/`.
Each check is proven to catch the break it exists for, on a small package written to a temporary folder.
"""

from __future__ import annotations

import ast
from pathlib import Path

import marketplace.routers

ROUTERS = Path(marketplace.routers.__file__).parent
PACKAGE = "marketplace.routers"
MAX_LINES = 30
FORBIDDEN = ("sqlalchemy", "marketplace.orm")


def _modules(folder: Path) -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"), str(path))) for path in sorted(folder.glob("*.py"))]


def long_functions(folder: Path, max_lines: int = MAX_LINES) -> list[str]:
    """`file:line name (n lines)` for every function over `max_lines`."""
    out = []
    for path, tree in _modules(folder):
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > max_lines:
                    out.append(f"{path.name}:{node.lineno} {node.name} ({lines} lines)")
    return out


def _imported(node: ast.Import | ast.ImportFrom) -> list[str]:
    """The absolute names an import statement of a module of `PACKAGE` brings in."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level == 0:
        base = node.module or ""
    else:
        parts = PACKAGE.split(".")
        parts = parts[: len(parts) - (node.level - 1)]
        base = ".".join([*parts, *([node.module] if node.module else [])])
    return [base, *(f"{base}.{alias.name}" for alias in node.names)]


def query_imports(folder: Path) -> list[str]:
    """`file:line name` for every import of a forbidden module (anywhere in the file, functions too)."""
    out = []
    for path, tree in _modules(folder):
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                for name in _imported(node):
                    if any(name == f or name.startswith(f + ".") for f in FORBIDDEN):
                        out.append(f"{path.name}:{node.lineno} {name}")
                        break
    return out


def test_no_router_function_is_over_30_lines():
    assert long_functions(ROUTERS) == []


def test_routers_do_not_query_the_database_themselves():
    assert query_imports(ROUTERS) == []


def test_the_checks_read_every_router():
    names = {path.name for path, _ in _modules(ROUTERS)}
    assert {"catalog.py", "seller.py", "seller_orders.py", "pages.py", "_http.py"} <= names


# --- each check bites ---------------------------------------------------------------------------------


def _function(name: str, lines: int, indent: str = "") -> str:
    """A function of exactly `lines` lines, def line included."""
    body = [f"{indent}    x{i} = {i}" for i in range(lines - 2)]
    return "\n".join([f"{indent}def {name}():", *body, f"{indent}    return 0"]) + "\n"


def test_a_31_line_function_fails_the_length_check(tmp_path):
    (tmp_path / "fits.py").write_text(_function("fits", 30))
    (tmp_path / "long.py").write_text("\n\n" + _function("too_long", 31))
    assert long_functions(tmp_path) == ["long.py:3 too_long (31 lines)"]


def test_a_long_nested_function_and_its_outer_one_both_fail(tmp_path):
    outer = "async def outer():\n" + _function("inner", 31, indent="    ") + "    return inner\n"
    (tmp_path / "nested.py").write_text(outer)
    assert long_functions(tmp_path) == ["nested.py:1 outer (33 lines)", "nested.py:2 inner (31 lines)"]


def test_a_router_importing_sqlalchemy_or_the_orm_fails_the_import_check(tmp_path):
    (tmp_path / "ok.py").write_text("from ..services import offers\nfrom ._http import IdPath\nimport orjson\n")
    (tmp_path / "builder.py").write_text("from sqlalchemy import select\n")
    (tmp_path / "session.py").write_text("def f():\n    import sqlalchemy.orm\n")
    (tmp_path / "tables.py").write_text("from ..orm import Offer\n")
    (tmp_path / "package.py").write_text("from .. import orm\n")
    (tmp_path / "absolute.py").write_text("from marketplace.orm import Offer\n")
    assert query_imports(tmp_path) == [
        "absolute.py:1 marketplace.orm",
        "builder.py:1 sqlalchemy",
        "package.py:1 marketplace.orm",
        "session.py:2 sqlalchemy.orm",
        "tables.py:1 marketplace.orm",
    ]
