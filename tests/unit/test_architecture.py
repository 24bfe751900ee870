"""The layer boundaries of STYLE.md hold: checked with import-linter's contracts in pyproject.toml."""

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
                "views/seller", "views/areas"):
        (pkg / sub).mkdir(parents=True, exist_ok=True)
        (pkg / sub / "__init__.py").write_text("")
    (pkg / "models" / "bad.py").write_text("import PySide6\n")
    (pkg / "views" / "shell.py").write_text("")
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
    (tmp_path / "desktop/views/shell.py").write_text("")  # a contract's forbidden module must exist
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
    result = _lint_tree(tmp_path, {"desktop/views/areas/catalog.py": "from desktop.views import shell\n",
                                   "desktop/views/shell.py": "X = 1\n"})
    assert result.returncode != 0
    assert "desktop.views.areas.catalog -> desktop.views.shell" in result.stdout


def test_a_model_importing_a_view_is_caught(tmp_path):
    result = _lint_tree(tmp_path, {"desktop/models/rules.py": "from desktop.views import shell\n",
                                   "desktop/views/shell.py": "X = 1\n"})
    assert result.returncode != 0
    assert "desktop.models.rules -> desktop.views.shell" in result.stdout


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
