"""The desktop code types its collaborators and never probes them (issue 28).

(a) Function parameters annotated ``Any`` (also ``Any | None``, ``Optional[Any]``, ``typing.Any``, the same
    as strings): at most :data:`MAX_ANY_PARAMETERS` in ``desktop/``, and each remaining one says why in a
    comment on its line. A collaborator is typed as what it is (``MarketplaceClient`` under
    ``TYPE_CHECKING``, a store, a Protocol); a data value as ``object``, a JSON alias or its precise type.
(b) ``getattr(x, "name", …)`` / ``hasattr(x, "name")`` with a literal name: an optional feature probed on
    a collaborator. It becomes a Protocol method or a real attribute instead. The few legitimate ones
    (a platform's module constant, Python's own introspection) are listed in :data:`ALLOWED_PROBES`,
    each with its reason. ``getattr(obj, field)`` with a computed name (reflection over a dataclass's
    fields) is not a probe and is not counted.

Both checks are proven to bite on a file written for the purpose.
"""

from __future__ import annotations

import ast
import io
import tokenize
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DESKTOP = ROOT / "desktop"

MAX_ANY_PARAMETERS = 10

#: (file, the call as ast.unparse writes it) → why it is not a collaborator probed for an optional feature
ALLOWED_PROBES: dict[tuple[str, str], str] = {
    ("desktop/app.py", "getattr(sys, 'frozen', False)"):
        "PyInstaller sets sys.frozen in a frozen build only",
    ("desktop/views/shell/smoke_report.py", "getattr(sys, 'frozen', False)"):
        "PyInstaller sets sys.frozen in a frozen build only",
    ("desktop/models/infrastructure/server_process.py", "getattr(subprocess, 'CREATE_NEW_PROCESS_GROUP', 0)"):
        "a module constant that exists on Windows only",
    ("desktop/models/infrastructure/server_process.py", "getattr(signal, 'SIGKILL', signal.SIGTERM)"):
        "a module constant that Windows lacks",
    ("desktop/models/infrastructure/sqlite_file.py", "getattr(exc, 'sqlite_errorcode', None)"):
        "sqlite3 sets it only on the errors SQLite itself raised (an error made in Python has none)",
    ("desktop/views/background/tasks.py", "getattr(callback, '__self__', None)"):
        "Python's own introspection: is a callback a bound method (of a Qt object that may be gone)",
}


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    text: str


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _is_any(node: ast.expr | None) -> bool:
    """``Any``, ``typing.Any``, ``Any | None``, ``Optional[Any]``, or any of them as a string annotation."""
    if node is None:
        return False
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            node = ast.parse(node.value, mode="eval").body
        except SyntaxError:
            return False
    if isinstance(node, ast.Name):
        return node.id == "Any"
    if isinstance(node, ast.Attribute):
        return node.attr == "Any"
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return (_is_any(node.left) and _is_none(node.right)) or (_is_none(node.left) and _is_any(node.right))
    if isinstance(node, ast.Subscript):
        value = node.value
        name = value.id if isinstance(value, ast.Name) else value.attr if isinstance(value, ast.Attribute) else ""
        return name == "Optional" and _is_any(node.slice)
    return False


def _commented_lines(source: str) -> set[int]:
    return {tok.start[0] for tok in tokenize.generate_tokens(io.StringIO(source).readline)
            if tok.type == tokenize.COMMENT}


def _parameters(fn: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> list[ast.arg]:
    args = fn.args
    extra = [a for a in (args.vararg, args.kwarg) if a is not None]
    return [*args.posonlyargs, *args.args, *args.kwonlyargs, *extra]


def any_parameters(path: Path, relative: str) -> tuple[list[Finding], list[Finding]]:
    """Parameters annotated ``Any`` in one file: (all of them, those without a comment on their line)."""
    source = path.read_text(encoding="utf-8")
    commented = _commented_lines(source)
    found: list[Finding] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            for arg in _parameters(node):
                if _is_any(arg.annotation):
                    found.append(Finding(relative, arg.lineno, arg.arg))
    found.sort(key=lambda f: f.line)  # stable: a line's parameters stay in their order
    return found, [f for f in found if f.line not in commented]


def probes(path: Path, relative: str) -> list[Finding]:
    """``getattr``/``hasattr`` calls with a literal attribute name in one file, less the allowed ones."""
    found: list[Finding] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in ("getattr", "hasattr") and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)):
            text = ast.unparse(node)
            if (relative, text) not in ALLOWED_PROBES:
                found.append(Finding(relative, node.lineno, text))
    return sorted(found, key=lambda f: f.line)


def _desktop_files() -> list[tuple[Path, str]]:
    return [(p, p.relative_to(ROOT).as_posix()) for p in sorted(DESKTOP.rglob("*.py"))]


def _by_file(findings: list[Finding]) -> str:
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.path] = counts.get(f.path, 0) + 1
    return "\n".join(f"  {path}: {n}" for path, n in sorted(counts.items()))


def test_at_most_ten_parameters_are_typed_any_and_each_says_why():
    everything: list[Finding] = []
    uncommented: list[Finding] = []
    for path, relative in _desktop_files():
        found, bare = any_parameters(path, relative)
        everything += found
        uncommented += bare
    assert len(everything) <= MAX_ANY_PARAMETERS, (
        f"{len(everything)} parameters typed Any (at most {MAX_ANY_PARAMETERS}), by file:\n{_by_file(everything)}")
    assert uncommented == [], "parameters typed Any without a comment saying why:\n" + "\n".join(
        f"  {f.path}:{f.line} {f.text}" for f in uncommented)


def test_no_collaborator_is_probed_with_getattr_or_hasattr():
    found = [f for path, relative in _desktop_files() for f in probes(path, relative)]
    assert found == [], f"{len(found)} getattr/hasattr probes, by file:\n{_by_file(found)}\n" + "\n".join(
        f"  {f.path}:{f.line} {f.text}" for f in found)


def test_every_allowed_probe_still_exists():
    """An allow-list entry whose call is gone is removed, so that the list stays the short, true one."""
    present: set[tuple[str, str]] = set()
    for path, relative in _desktop_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                present.add((relative, ast.unparse(node)))
    assert set(ALLOWED_PROBES) <= present, set(ALLOWED_PROBES) - present


# -- the checks bite --------------------------------------------------------------------------------------
BROKEN = '''\
from typing import Any, Optional
import typing


def send(client: Any, body: "Any | None", *rest: Optional[Any], **extra: typing.Any) -> None:
    pass


def ok(value: Any) -> None:  # a cell value of any column, shown with str()
    pass


def typed(count: int, payload: dict[str, Any], fn=lambda x: x) -> None:
    pass


def probe(client, settings, field):
    if hasattr(client, "is_authenticated"):
        getattr(client, "account", None)
    getattr(settings, field)  # computed name: reflection, not a probe
    return getattr(sys, "frozen", False)
'''


def test_the_any_check_finds_every_spelling_and_accepts_a_commented_one(tmp_path):
    path = tmp_path / "broken.py"
    path.write_text(BROKEN, encoding="utf-8")
    found, uncommented = any_parameters(path, "desktop/broken.py")
    assert [(f.line, f.text) for f in found] == [
        (5, "client"), (5, "body"), (5, "rest"), (5, "extra"), (9, "value")]
    assert [f.text for f in uncommented] == ["client", "body", "rest", "extra"]


def test_the_probe_check_finds_literal_names_and_honours_the_allow_list(tmp_path):
    path = tmp_path / "broken.py"
    path.write_text(BROKEN, encoding="utf-8")
    found = probes(path, "desktop/broken.py")
    assert [f.text for f in found] == [
        "hasattr(client, 'is_authenticated')", "getattr(client, 'account', None)", "getattr(sys, 'frozen', False)"]
    # the same sys.frozen check in a file the allow-list names is not reported
    assert [f.text for f in probes(path, "desktop/app.py")] == [
        "hasattr(client, 'is_authenticated')", "getattr(client, 'account', None)"]
