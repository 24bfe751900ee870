"""What the user is told of an error: a short title, a human sentence, and the details support needs.

Shared by the error channel (:mod:`.errors`) and the dialog (:mod:`.error_dialog`), which import this and
not each other's module (the dialog's widgets load with the first error shown).
"""

from __future__ import annotations

import sys
import traceback
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from desktop.api_client import (
    ApiStatusError,
    ApiTimeoutError,
    MalformedResponseError,
    TlsError,
)

__all__ = ["ErrorReport", "describe"]


@dataclass(frozen=True)
class ErrorReport:
    title: str
    message: str
    details: str
    request_id: str | None = None


def _app_version() -> str:
    try:
        from importlib import metadata

        return metadata.version("bulkdesk")
    except Exception:
        return "?"


def describe(exc: BaseException) -> ErrorReport:
    """A short title and a human sentence for ``exc``, and the details a support person needs."""
    request_id = exc.request_id if isinstance(exc, ApiStatusError | MalformedResponseError) else None
    if isinstance(exc, ApiStatusError):
        status = exc.status
        if status >= 500:
            title = QCoreApplication.translate("errors", "The marketplace had a problem")
            message = QCoreApplication.translate(
                "errors", "The server could not complete the request. Try again in a moment."
            )
        elif status == 403:
            title = QCoreApplication.translate("errors", "Not allowed")
            message = exc.detail or QCoreApplication.translate(
                "errors", "Your account is not allowed to do this."
            )
        elif status == 404:
            title = QCoreApplication.translate("errors", "Not found")
            message = exc.detail or QCoreApplication.translate(
                "errors", "This item no longer exists on the marketplace."
            )
        elif status == 409:
            title = QCoreApplication.translate("errors", "Could not be done")
            message = exc.detail or QCoreApplication.translate(
                "errors", "Something changed meanwhile. Refresh and try again."
            )
        elif status == 429:
            title = QCoreApplication.translate("errors", "Too many requests")
            message = exc.detail or QCoreApplication.translate("errors", "Wait a moment and try again.")
        else:
            title = QCoreApplication.translate("errors", "The marketplace refused the request")
            message = exc.detail or exc.title or QCoreApplication.translate(
                "errors", "The request was not accepted."
            )
    elif isinstance(exc, TlsError):
        title = QCoreApplication.translate("errors", "The marketplace's certificate is not trusted")
        message = QCoreApplication.translate(
            "errors", "If your company inspects secure traffic, ask your administrator for its CA bundle "
            "and add it in Settings (Extra CA bundle)."
        )
    elif isinstance(exc, ApiTimeoutError):
        title = QCoreApplication.translate("errors", "The marketplace is slow to answer")
        message = QCoreApplication.translate(
            "errors", "The server did not answer in time. Try again in a moment."
        )
    elif isinstance(exc, MalformedResponseError):
        title = QCoreApplication.translate("errors", "Unexpected answer from the marketplace")
        message = QCoreApplication.translate(
            "errors", "The server answered in a way this version of Bulkdesk does not understand."
        )
    else:
        title = QCoreApplication.translate("errors", "Something went wrong")
        message = QCoreApplication.translate(
            "errors", "An unexpected error occurred. Copy the details and send them to your support contact."
        )
    lines = [f"Bulkdesk {_app_version()}, Python {sys.version.split()[0]}"]
    if request_id:
        lines.append(f"Request id: {request_id}")
    code = exc.code if isinstance(exc, ApiStatusError) else None
    if code:
        lines.append(f"Code: {code}")
    lines.append("")
    lines.append("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)).rstrip())
    return ErrorReport(title=title, message=message, details="\n".join(lines), request_id=request_id)
