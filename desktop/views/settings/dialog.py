"""Settings: server, proxy and extra CA bundle, display currency, language, sync interval, offline cache,
and for sellers the low-stock threshold and the watched import folder.
Policy-locked fields are disabled and marked "Set by your administrator"; the administrator's
recommended values (defaults the user may change) are marked "Recommended by your administrator"
(`sources`, from SettingsStore.source).

The dialog edits a plain mapping (keys below) and knows nothing of where it is stored:

    dialog = SettingsDialog(values, locked={"server_url"}, cache_size=cache.size_bytes,
                            clear_cache=cache.clear, parent=window)
    dialog.saved.connect(store.update)      # dict of the changed keys only
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.models.money import CURRENCY_CODES
from desktop.models.settings import DEFAULTS as SETTINGS_DEFAULTS
from desktop.models.settings import FIELDS, check_field
from desktop.views.background.tasks import MutationOp, QueryOp
from desktop.views.locale.formatting import data_size_suffix, format_data_size
from desktop.views.window.file_dialogs import start_folder

__all__ = ["CURRENCIES", "KEYS", "SettingsDialog"]

# the settings' names, defaults and currencies are kept once, in desktop/models/settings/ and money.py
CURRENCIES = CURRENCY_CODES
KEYS = FIELDS
#: a setting's value as the dialog shows and returns it: text, a whole number, or None (not set)
SettingValue = str | int | None
#: a value the caller does not give: the setting's default, but no server (the field stays empty)
DEFAULTS: dict[str, SettingValue] = {**SETTINGS_DEFAULTS, "server_url": ""}


class SettingsDialog(QDialog):
    saved = Signal(dict)  # the changed values only
    cache_cleared = Signal()

    def __init__(
        self,
        values: Mapping[str, SettingValue],
        locked: Collection[str] = (),
        *,
        cache_size: Callable[[], int] | None = None,
        clear_cache: Callable[[], object] | None = None,
        parent: QWidget | None = None,
        sources: Mapping[str, str] | None = None,
        seller: bool = False,
        connected_url: str | None = None,
    ) -> None:
        """``connected_url``: the address the app is connected to now (the demo's port, a --server), shown
        under the saved address."""
        super().__init__(parent)
        self._connected_url = connected_url
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(480)
        self._initial = {**DEFAULTS, **{k: v for k, v in values.items() if k in KEYS}}
        self._locked = set(locked)
        self._sources = dict(sources or {})
        self._sources.update(dict.fromkeys(self._locked, "managed"))
        #: the note beside each value the administrator set (managed or recommended)
        self.source_labels: dict[str, QLabel] = {}
        self._cache_size = cache_size
        self._clear_cache = clear_cache
        self.widgets: dict[str, QWidget] = {}

        connection = self._connection_box()
        display = self._display_box()
        self.restart_note = QLabel(self.tr("Language and server changes apply after Bulkdesk restarts."))
        self.restart_note.setObjectName("formHint")
        self.restart_note.setWordWrap(True)
        offline = self._offline_box()
        self.seller_box = self._seller_box()
        self.seller_box.setVisible(seller)
        self.widgets = {
            "server_url": self.server_url, "currency": self.currency, "language": self.language,
            "sync_interval_minutes": self.sync_interval, "cache_max_mb": self.cache_limit,
            "proxy_url": self.proxy_url, "extra_ca_bundle": self.ca_bundle,
            "low_stock_units": self.low_stock, "seller_watch_folder": self.watch_folder,
        }  # fmt: skip
        self._lock_managed()
        self._note_sources()
        # "Clear cache" stays allowed even when the limit is locked: it only frees space.

        layout = QVBoxLayout(self)
        layout.addWidget(connection)
        layout.addWidget(display)
        layout.addWidget(offline)
        layout.addWidget(self.seller_box)
        layout.addWidget(self.restart_note)
        layout.addStretch(1)
        layout.addWidget(self._buttons())
        self.refresh_cache_size()

    # -- the dialog's parts, top to bottom ---------------------------------------------------------
    def _connection_box(self) -> QGroupBox:
        """Marketplace: the server, and a company network's proxy and the CA of a TLS-inspecting proxy
        (added to the system's); the network fields' error under them."""
        self.server_url = QLineEdit(str(self._initial["server_url"]))
        self.server_url.setPlaceholderText("https://marketplace.example.com")
        box = QGroupBox(self.tr("Marketplace"))
        form = self._form(box)
        form.addRow(self.tr("Server &address"), self.server_url)
        self.connected_url = QLabel()
        self.connected_url.setObjectName("connectedUrl")
        self.connected_url.setWordWrap(True)
        self.connected_url.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if self._connected_url:
            now = self._connected_url.rstrip("/")
            same = now == str(self._initial["server_url"] or "").strip().rstrip("/")
            self.connected_url.setText(self.tr("Connected now to %1.").replace("%1", now) if same else self.tr(
                "Connected now to %1 (this session only; the address above is the one saved).").replace("%1", now))
            form.addRow("", self.connected_url)
        else:
            self.connected_url.hide()
        self.proxy_url = QLineEdit(str(self._initial["proxy_url"] or ""))
        self.proxy_url.setPlaceholderText(self.tr("The system's proxy settings"))
        self.ca_bundle = QLineEdit(str(self._initial["extra_ca_bundle"] or ""))
        self.ca_bundle.setPlaceholderText(self.tr("None (the system's certificates only)"))
        self.ca_browse = QPushButton(self.tr("&Browse…"))
        self.ca_browse.clicked.connect(self._browse_ca_bundle)
        form.addRow(self.tr("&Proxy"), self.proxy_url)
        form.addRow(self.tr("Extra &CA bundle"), _field_and_button(self.ca_bundle, self.ca_browse))
        self.field_error = QLabel()
        self.field_error.setObjectName("fieldError")
        self.field_error.setWordWrap(True)
        self.field_error.hide()
        form.addRow(self.field_error)
        return box

    def _display_box(self) -> QGroupBox:
        """Display: the currency prices are shown in and the language."""
        self.currency = QComboBox()
        for code in CURRENCIES:
            self.currency.addItem(code, code)
        self.currency.setCurrentIndex(max(0, self.currency.findData(self._initial["currency"])))
        self.language = QComboBox()
        self.language.addItem(self.tr("System language"), "system")
        self.language.addItem("English", "en")
        self.language.addItem("Français", "fr")
        self.language.setCurrentIndex(max(0, self.language.findData(self._initial["language"])))
        box = QGroupBox(self.tr("Display"))
        form = self._form(box)
        form.addRow(self.tr("C&urrency"), self.currency)
        form.addRow(self.tr("&Language"), self.language)
        return box

    def _offline_box(self) -> QGroupBox:
        """Sync and offline catalog: how often, how large the cache may grow, what it uses ("Clear cache")."""
        self.sync_interval = QSpinBox()
        self.sync_interval.setRange(1, 1440)
        self.sync_interval.setSuffix(self.tr(" min"))
        self.sync_interval.setValue(int(self._initial["sync_interval_minutes"]))
        self.cache_limit = QSpinBox()
        self.cache_limit.setRange(50, 20_000)
        self.cache_limit.setSingleStep(50)
        self.cache_limit.setSuffix(data_size_suffix())
        self.cache_limit.setValue(int(self._initial["cache_max_mb"]))
        self.cache_usage = QLabel()
        self.cache_usage.setObjectName("formHint")
        self.clear_button = QPushButton(self.tr("Clear cac&he"))
        self.clear_button.setEnabled(self._clear_cache is not None)
        self.clear_button.clicked.connect(self._clear)
        usage_row = QHBoxLayout()
        usage_row.addWidget(self.cache_usage, 1)
        usage_row.addWidget(self.clear_button)
        box = QGroupBox(self.tr("Sync and offline catalog"))
        form = self._form(box)
        form.addRow(self.tr("S&ync every"), self.sync_interval)
        form.addRow(self.tr("Cache li&mit"), self.cache_limit)
        form.addRow(self.tr("In use"), usage_row)
        return box

    def _seller_box(self) -> QGroupBox:
        """Seller workspace (shown to seller accounts only): the low-stock threshold, the watched folder."""
        self.low_stock = QSpinBox()
        self.low_stock.setRange(0, 1_000_000)
        self.low_stock.setSuffix(self.tr(" units"))
        self.low_stock.setSpecialValueText(self.tr("Never"))
        self.low_stock.setValue(int(self._initial["low_stock_units"]))
        self.watch_folder = QLineEdit(str(self._initial["seller_watch_folder"] or ""))
        self.watch_folder.setPlaceholderText(self.tr("None (import files one by one)"))
        self.watch_browse = QPushButton(self.tr("B&rowse…"))
        self.watch_browse.clicked.connect(self._browse_watch_folder)
        box = QGroupBox(self.tr("Seller workspace"))
        form = self._form(box)
        form.addRow(self.tr("Low s&tock at"), self.low_stock)
        form.addRow(self.tr("&Watched folder"), _field_and_button(self.watch_folder, self.watch_browse))
        return box

    def _lock_managed(self) -> None:
        """The fields the policy sets are disabled, with the Browse… beside them."""
        for key in self._locked & set(self.widgets):
            widget = self.widgets[key]
            widget.setEnabled(False)
            widget.setToolTip(self.tr("Set by your administrator"))
        self.ca_browse.setEnabled(self.ca_bundle.isEnabled())
        self.watch_browse.setEnabled(self.watch_folder.isEnabled())

    def _note_sources(self) -> None:
        """A note under each value the administrator set or recommends."""
        notes = {"managed": self.tr("Set by your administrator"),
                 "recommended": self.tr("Recommended by your administrator")}
        for key, widget in self.widgets.items():
            note = notes.get(self._sources.get(key, ""))
            if note is None:
                continue
            label = QLabel(note)
            label.setObjectName("formHint")
            self.source_labels[key] = label
            form = widget.parentWidget().layout()
            assert isinstance(form, QFormLayout)
            form.insertRow(_form_row(form, widget) + 1, "", label)

    def _buttons(self) -> QDialogButtonBox:
        std = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(std.Ok | std.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        return buttons

    @staticmethod
    def _form(box: QGroupBox) -> QFormLayout:
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return form

    def is_locked(self, key: str) -> bool:
        return key in self._locked

    def values(self) -> dict[str, SettingValue]:
        return {
            "server_url": self.server_url.text().strip().rstrip("/"),
            "currency": self.currency.currentData(),
            "language": self.language.currentData(),
            "sync_interval_minutes": self.sync_interval.value(),
            "cache_max_mb": self.cache_limit.value(),
            "proxy_url": self.proxy_url.text().strip() or None,
            "extra_ca_bundle": self.ca_bundle.text().strip() or None,
            "low_stock_units": self.low_stock.value(),
            "seller_watch_folder": self.watch_folder.text().strip() or None,
        }

    def changed_values(self) -> dict[str, SettingValue]:
        return {
            k: v for k, v in self.values().items() if v != self._initial.get(k) and k not in self._locked
        }

    def _save(self) -> None:
        changes = self.changed_values()
        problem = self._problem(changes)
        if problem is not None:  # said under the fields; nothing typed is lost, the dialog stays open
            widget, text = problem
            self.field_error.setText(text)
            self.field_error.show()
            widget.setFocus()
            return
        self.field_error.hide()
        self.saved.emit(changes)
        self.accept()

    def _problem(self, changes: Mapping[str, SettingValue]) -> tuple[QWidget, str] | None:
        """The first network field the settings would refuse (or a CA file that cannot be used)."""
        proxy = changes.get("proxy_url")
        if proxy is not None:
            try:
                check_field("proxy_url", proxy)
            except ValueError:
                return self.proxy_url, self.tr(
                    "The proxy must be an address starting with http://, https://, socks5:// or socks5h://, "
                    "for example http://proxy.example.com:3128."
                )
        bundle = changes.get("extra_ca_bundle")
        if bundle is not None:
            path = Path(bundle).expanduser()
            if not path.is_absolute() or not path.is_file():
                return self.ca_bundle, self.tr("The CA bundle must be the full path of an existing PEM file.")
            if b"-----BEGIN CERTIFICATE-----" not in _head(path):
                return self.ca_bundle, self.tr("This file holds no PEM certificate (-----BEGIN CERTIFICATE-----).")
        folder = changes.get("seller_watch_folder")
        if folder is not None and not Path(folder).expanduser().is_absolute():
            return self.watch_folder, self.tr("The watched folder must be a full path, for example /srv/import.")
        return None

    def _browse_ca_bundle(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Extra CA bundle"), self.ca_bundle.text() or start_folder("certificates"),
            self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"),
        )
        if path:
            self.ca_bundle.setText(path)

    def _browse_watch_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Watched folder"),
                                                self.watch_folder.text() or start_folder("csv"))
        if path:
            self.watch_folder.setText(path)

    # -- cache -------------------------------------------------------------------------------------
    def refresh_cache_size(self) -> QueryOp | None:
        if self._cache_size is None:
            self.cache_usage.setText(self.tr("Unknown"))
            return None
        self.cache_usage.setText(self.tr("Measuring…"))
        op = QueryOp(self, self._cache_size, self._show_cache_size, self._cache_size_failed)
        return op.run_in_background()

    def _show_cache_size(self, size: int) -> None:
        self.cache_usage.setText(format_data_size(size))

    def _cache_size_failed(self, _exc: BaseException) -> None:
        self.cache_usage.setText(self.tr("Unknown"))

    def _clear(self) -> MutationOp | None:
        if self._clear_cache is None:
            return None
        self.cache_usage.setText(self.tr("Clearing…"))
        op = MutationOp(
            self, self._clear_cache, lambda _r: self._cleared(), block=self.clear_button, label="cache"
        )
        return op.run_in_background()

    def _cleared(self) -> None:
        self.cache_cleared.emit()
        self.refresh_cache_size()


def _head(path: Path, size: int = 1 << 20) -> bytes:
    """The start of a file the user picked (a CA bundle is small; a huge file is read no further)."""
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except OSError:
        return b""


def _field_and_button(field: QWidget, button: QPushButton) -> QHBoxLayout:
    """A field taking the width with its button (Browse…) beside it, as one form row."""
    row = QHBoxLayout()
    row.addWidget(field, 1)
    row.addWidget(button)
    return row


def _form_row(form: QFormLayout, widget: QWidget) -> int:
    """The form's row holding ``widget``, alone or in a row of its own (the CA bundle and its Browse…)."""
    row, _role = form.getWidgetPosition(widget)
    if row >= 0:
        return row
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        inner = item.layout() if item is not None else None
        if inner is not None and inner.indexOf(widget) >= 0:
            return row
    raise ValueError("the widget is not in this form")
