"""The layer boundaries of STYLE.md hold: checked with import-linter's contracts in pyproject.toml.
The tests keep their own boundary: what test modules share lives in tests/support or a folder's helper
module, never in another test module."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: the server packages the contracts name (a layer must exist to be checked)
SERVER_PACKAGES = ("marketplace/routers", "marketplace/services", "marketplace/payments", "marketplace/demo")
SERVER_MODULES = ("marketplace/app.py", "marketplace/orm.py", "marketplace/media.py")


def _server_tree(root: Path) -> None:
    for sub in SERVER_PACKAGES:
        (root / sub).mkdir(parents=True, exist_ok=True)
        (root / sub / "__init__.py").write_text("")
    for module in SERVER_MODULES:
        (root / module).write_text("")


def test_import_contracts_are_kept():
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 8 kept, 0 broken" in result.stdout


def test_a_broken_boundary_is_caught(tmp_path):
    """The contract really bites: a models module importing PySide6 breaks it."""
    pkg = tmp_path / "desktop"
    for sub in ("", "models", "api_client", "views", "views/catalog", "views/cart", "views/checkout", "views/orders",
                "views/seller", "views/areas", "views/shell"):
        (pkg / sub).mkdir(parents=True, exist_ok=True)
        (pkg / sub / "__init__.py").write_text("")
    (pkg / "models" / "bad.py").write_text("import PySide6\n")
    (pkg / "views" / "shell" / "shell.py").write_text("")
    (tmp_path / "marketplace").mkdir()
    (tmp_path / "marketplace" / "__init__.py").write_text("")
    _server_tree(tmp_path)
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text())
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode != 0
    assert "desktop.models.bad -> PySide6" in result.stdout


def _lint_tree(tmp_path, files):
    """lint-imports on a small tree with the project's contracts: {path: source}."""
    for sub in ("desktop", "desktop/models", "desktop/api_client", "desktop/views", "marketplace",
                *(f"desktop/views/{area}" for area in ("catalog", "cart", "checkout", "orders", "seller", "areas"))):
        (tmp_path / sub).mkdir(parents=True, exist_ok=True)
        (tmp_path / sub / "__init__.py").write_text("")
    _server_tree(tmp_path)
    (tmp_path / "desktop/views/shell").mkdir(parents=True, exist_ok=True)
    (tmp_path / "desktop/views/shell/__init__.py").write_text("")
    (tmp_path / "desktop/views/shell/shell.py").write_text("")  # a contract's forbidden module must exist
    for path, text in files.items():
        (tmp_path / path).write_text(text)
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text())
    return subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )


def test_a_view_area_importing_another_is_caught(tmp_path):
    result = _lint_tree(tmp_path, {"desktop/views/checkout/step.py": "from desktop.views.cart import page\n",
                                   "desktop/views/cart/page.py": "X = 1\n"})
    assert result.returncode != 0
    assert "desktop.views.checkout.step -> desktop.views.cart.page" in result.stdout


def test_an_area_part_importing_the_shell_is_caught(tmp_path):
    """The shell's areas (desktop/views/areas/) are handed what they need: reaching back into the shell
    (the old shell_areas.py set attributes on it and read its privates) breaks the contract."""
    result = _lint_tree(tmp_path, {"desktop/views/areas/catalog.py": "from desktop.views.shell import shell\n",
                                   "desktop/views/shell/shell.py": "X = 1\n"})
    assert result.returncode != 0
    assert "desktop.views.areas.catalog -> desktop.views.shell.shell" in result.stdout


def test_a_model_importing_a_view_is_caught(tmp_path):
    result = _lint_tree(tmp_path, {"desktop/models/rules.py": "from desktop.views.shell import shell\n",
                                   "desktop/views/shell/shell.py": "X = 1\n"})
    assert result.returncode != 0
    assert "desktop.models.rules -> desktop.views.shell.shell" in result.stdout


def test_the_seller_area_importing_the_buyers_orders_is_caught(tmp_path):
    """The seller's fulfilment shows orders through the shared order_display, never the Orders area."""
    result = _lint_tree(tmp_path, {"desktop/views/seller/fulfilment.py": "from desktop.views.orders import page\n",
                                   "desktop/views/orders/page.py": "X = 1\n"})
    assert result.returncode != 0
    assert "desktop.views.seller.fulfilment -> desktop.views.orders.page" in result.stdout


def test_a_service_importing_a_router_is_caught(tmp_path):
    result = _lint_tree(tmp_path, {"marketplace/services/ordering.py": "from marketplace.routers import _http\n",
                                   "marketplace/routers/_http.py": "X = 1\n"})
    assert result.returncode != 0
    assert "marketplace.services.ordering -> marketplace.routers._http" in result.stdout


def test_the_payment_gateway_importing_a_service_is_caught(tmp_path):
    """The circle issue 11 found (payments.outcomes <-> services.ordering) cannot come back."""
    result = _lint_tree(tmp_path, {"marketplace/payments/outcomes.py": "from marketplace.services import ordering\n",
                                   "marketplace/services/ordering.py": "from marketplace.payments import gateway\n",
                                   "marketplace/payments/gateway.py": "X = 1\n"})
    assert result.returncode != 0
    assert "marketplace.payments.outcomes -> marketplace.services.ordering" in result.stdout


def test_a_router_reaching_the_demo_is_caught(tmp_path):
    result = _lint_tree(tmp_path, {"marketplace/routers/media.py": "from marketplace.demo import images\n",
                                   "marketplace/demo/images.py": "X = 1\n"})
    assert result.returncode != 0
    assert "marketplace.routers.media -> marketplace.demo.images" in result.stdout


def _imported_modules(path: Path, root: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) for every import in a file under root, relative imports resolved;
    `from package import name` yields package.name too (the name may be a module)."""
    package = list(path.relative_to(root).with_suffix("").parts[:-1])
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.append((node.lineno, module))
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def _imports_of_test_modules(root: Path = ROOT) -> list[str]:
    """Every `path:line -> module` where a file under tests/ imports a test_* module of tests/."""
    offences: set[str] = set()
    for path in sorted((root / "tests").rglob("*.py")):
        for line, module in _imported_modules(path, root):
            parts = module.split(".")
            tests = [i for i, part in enumerate(parts) if part.startswith("test_")]
            if parts[0] == "tests" and tests:
                offences.add(f"{path.relative_to(root)}:{line} -> {'.'.join(parts[: tests[0] + 1])}")
    return sorted(offences)


def test_no_test_module_imports_another():
    """Shared helpers live in tests/support (or a folder's *_support module), so running, moving or
    deleting one test module never changes another (nor collects its fixtures twice)."""
    assert _imports_of_test_modules() == []


def test_a_test_module_importing_another_is_caught(tmp_path):
    for folder in ("tests", "tests/gui", "tests/e2e", "tests/support"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / folder / "__init__.py").write_text("")
    (tmp_path / "tests/gui/test_cart.py").write_text("def make_env(): pass\n")
    (tmp_path / "tests/gui/test_wizard.py").write_text("from tests.gui.test_cart import make_env\n")
    (tmp_path / "tests/gui/test_relative.py").write_text("from . import test_cart\nfrom .test_cart import test_x\n")
    (tmp_path / "tests/e2e/test_card.py").write_text("import tests.gui.test_cart\n")
    (tmp_path / "tests/support/cart.py").write_text("def make_env(): pass\n")
    (tmp_path / "tests/gui/test_fine.py").write_text("from tests.support.cart import make_env\n")
    assert _imports_of_test_modules(tmp_path) == [
        "tests/e2e/test_card.py:1 -> tests.gui.test_cart",
        "tests/gui/test_relative.py:1 -> tests.gui.test_cart",
        "tests/gui/test_relative.py:2 -> tests.gui.test_cart",
        "tests/gui/test_wizard.py:1 -> tests.gui.test_cart",
    ]


#: views whose long builders were split into named parts (issue 28): they stay under the limit
SHORT_FUNCTION_FILES = ("desktop/views/settings/dialog.py", "desktop/views/catalog/offer_detail.py",
                        "desktop/views/errors/crash_notice.py", "desktop/views/errors/dialog.py",
                        "desktop/views/errors/layout.py")
MAX_FUNCTION_LINES = 80


def _long_functions(path: Path, limit: int = MAX_FUNCTION_LINES) -> list[str]:
    """`name (lines)` of every function or method in the file longer than `limit` lines."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return [f"{node.name} ({node.end_lineno - node.lineno + 1})" for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno - node.lineno + 1 > limit]


def test_the_split_views_have_no_function_over_80_lines():
    long = {name: found for name in SHORT_FUNCTION_FILES if (found := _long_functions(ROOT / name))}
    assert long == {}


def test_a_long_function_is_caught(tmp_path):
    lines = ["class Page:", "    def __init__(self):", *(f"        self.x{n} = {n}" for n in range(80)),
             "", "", "def short():", "    return 1", ""]
    (tmp_path / "views.py").write_text("\n".join(lines))
    assert _long_functions(tmp_path / "views.py") == ["__init__ (81)"]
