"""Settings: server, display currency, language, sync interval, offline cache. Policy-locked fields are
disabled and marked "Set by your administrator"; the administrator's recommended values (defaults the
user may change) are marked "Recommended by your administrator" (`sources`, from SettingsStore.source).

The dialog edits a plain mapping (keys below) and knows nothing of where it is stored:

    dialog = SettingsDialog(values, locked={"server_url"}, cache_size=cache.size_bytes,
                            clear_cache=cache.clear, parent=window)
    dialog.saved.connect(store.update)      # dict of the changed keys only
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
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

from .tasks import MutationOp, QueryOp

__all__ = ["CURRENCIES", "KEYS", "SettingsDialog"]

CURRENCIES = ("EUR", "USD", "CHF", "CZK", "DKK", "GBP", "HUF", "NOK", "PLN", "RON", "SEK", "UAH")
KEYS = ("server_url", "currency", "language", "sync_interval_minutes", "cache_max_mb")
DEFAULTS: dict[str, Any] = {
    "server_url": "",
    "currency": "EUR",
    "language": "system",
    "sync_interval_minutes": 15,
    "cache_max_mb": 500,
}


class SettingsDialog(QDialog):
    saved = Signal(dict)  # the changed values only
    cache_cleared = Signal()

    def __init__(
        self,
        values: Mapping[str, Any],
        locked: Collection[str] = (),
        *,
        cache_size: Callable[[], int] | None = None,
        clear_cache: Callable[[], Any] | None = None,
        parent: QWidget | None = None,
        sources: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
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

        # Connection
        self.server_url = QLineEdit(str(self._initial["server_url"]))
        self.server_url.setPlaceholderText("https://marketplace.example.com")
        connection = QGroupBox(self.tr("Marketplace"))
        f1 = self._form(connection)
        f1.addRow(self.tr("Server address"), self.server_url)

        # Display
        self.currency = QComboBox()
        for code in CURRENCIES:
            self.currency.addItem(code, code)
        self.currency.setCurrentIndex(max(0, self.currency.findData(self._initial["currency"])))
        self.language = QComboBox()
        self.language.addItem(self.tr("System language"), "system")
        self.language.addItem("English", "en")
        self.language.addItem("Français", "fr")
        self.language.setCurrentIndex(max(0, self.language.findData(self._initial["language"])))
        display = QGroupBox(self.tr("Display"))
        f2 = self._form(display)
        f2.addRow(self.tr("Currency"), self.currency)
        f2.addRow(self.tr("Language"), self.language)
        self.restart_note = QLabel(self.tr("Language and server changes apply after Bulkdesk restarts."))
        self.restart_note.setObjectName("formHint")
        self.restart_note.setWordWrap(True)

        # Sync and cache
        self.sync_interval = QSpinBox()
        self.sync_interval.setRange(1, 1440)
        self.sync_interval.setSuffix(self.tr(" min"))
        self.sync_interval.setValue(int(self._initial["sync_interval_minutes"]))
        self.cache_limit = QSpinBox()
        self.cache_limit.setRange(50, 20_000)
        self.cache_limit.setSingleStep(50)
        self.cache_limit.setSuffix(self.tr(" MB"))
        self.cache_limit.setValue(int(self._initial["cache_max_mb"]))
        self.cache_usage = QLabel()
        self.cache_usage.setObjectName("formHint")
        self.clear_button = QPushButton(self.tr("Clear cache"))
        self.clear_button.setEnabled(clear_cache is not None)
        self.clear_button.clicked.connect(self._clear)
        usage_row = QHBoxLayout()
        usage_row.addWidget(self.cache_usage, 1)
        usage_row.addWidget(self.clear_button)
        offline = QGroupBox(self.tr("Sync and offline catalog"))
        f3 = self._form(offline)
        f3.addRow(self.tr("Sync every"), self.sync_interval)
        f3.addRow(self.tr("Cache limit"), self.cache_limit)
        f3.addRow(self.tr("In use"), usage_row)

        self.widgets = {
            "server_url": self.server_url, "currency": self.currency, "language": self.language,
            "sync_interval_minutes": self.sync_interval, "cache_max_mb": self.cache_limit,
        }  # fmt: skip
        for key in self._locked & set(self.widgets):
            widget = self.widgets[key]
            widget.setEnabled(False)
            widget.setToolTip(self.tr("Set by your administrator"))
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
            row, _role = form.getWidgetPosition(widget)
            form.insertRow(row + 1, "", label)
        # "Clear cache" stays allowed even when the limit is locked: it only frees space.

        std = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(std.Ok | std.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(connection)
        layout.addWidget(display)
        layout.addWidget(offline)
        layout.addWidget(self.restart_note)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.refresh_cache_size()

    @staticmethod
    def _form(box: QGroupBox) -> QFormLayout:
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return form

    def is_locked(self, key: str) -> bool:
        return key in self._locked

    def values(self) -> dict[str, Any]:
        return {
            "server_url": self.server_url.text().strip().rstrip("/"),
            "currency": self.currency.currentData(),
            "language": self.language.currentData(),
            "sync_interval_minutes": self.sync_interval.value(),
            "cache_max_mb": self.cache_limit.value(),
        }

    def changed_values(self) -> dict[str, Any]:
        return {
            k: v for k, v in self.values().items() if v != self._initial.get(k) and k not in self._locked
        }

    def _save(self) -> None:
        self.saved.emit(self.changed_values())
        self.accept()

    # -- cache -------------------------------------------------------------------------------------
    def refresh_cache_size(self) -> QueryOp | None:
        if self._cache_size is None:
            self.cache_usage.setText(self.tr("Unknown"))
            return None
        self.cache_usage.setText(self.tr("Measuring…"))
        op = QueryOp(self, self._cache_size, self._show_cache_size, self._cache_size_failed)
        return op.run_in_background()

    def _show_cache_size(self, size: int) -> None:
        self.cache_usage.setText(QLocale().formattedDataSize(int(size)))

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
