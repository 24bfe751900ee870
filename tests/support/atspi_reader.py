"""A tiny screen reader for tests/gui/test_atspi.py: run by Debian's /usr/bin/python3 (python3-pyatspi is
Debian's, not in the venv) on the test's own D-Bus session, next to the app.

It prints one JSON object per line on stdout:
- ``{"event": "focus", "role": ..., "name": ..., "labels": [...], "description": ...}`` whenever an object
  of the application gets the focus (what Orca announces as the focus moves);
- ``{"event": "announcement", "text": ...}`` for the app's announcements (live-region equivalents);
- ``{"event": "tree", "app": ..., "nodes": [...]}`` in answer to a ``tree`` line on stdin: every showing
  object of the app (role, name, labels, states focusable/focused, column headers of tables);
- ``{"event": "ready"}`` once it listens.
``APP`` (argv[1]) is the application's name on the bus (Qt uses QApplication.applicationName).
"""

from __future__ import annotations

import json
import sys

import pyatspi
from gi.repository import GLib

APP = sys.argv[1] if len(sys.argv) > 1 else "Bulkdesk"


def _say(**fields: object) -> None:
    print(json.dumps(fields), flush=True)


def _labels(acc) -> list[str]:
    names = []
    try:
        for relation in acc.getRelationSet():
            if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY:
                names += [relation.getTarget(i).name for i in range(relation.getNTargets())]
    except Exception:
        pass
    return names


def _node(acc) -> dict[str, object]:
    states = acc.getState()
    node: dict[str, object] = {
        "role": acc.getRoleName(), "name": acc.name or "", "description": acc.description or "",
        "labels": _labels(acc), "focusable": states.contains(pyatspi.STATE_FOCUSABLE),
        "focused": states.contains(pyatspi.STATE_FOCUSED),
        "parent": (acc.parent.name or "") if acc.parent is not None else "",
    }
    if acc.getRole() == pyatspi.ROLE_TABLE:
        try:
            table = acc.queryTable()
            node["headers"] = [(table.getColumnHeader(c).name if table.getColumnHeader(c) else "")
                               for c in range(table.nColumns)]
        except NotImplementedError:
            node["headers"] = []
    return node


def _app():
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        child = desktop.getChildAtIndex(i)
        if child is not None and child.name == APP:
            return child
    return None


def _tree() -> None:
    app = _app()
    nodes: list[dict[str, object]] = []
    if app is not None:
        stack = [app]
        while stack:
            acc = stack.pop()
            try:
                if acc is not app and not acc.getState().contains(pyatspi.STATE_SHOWING):
                    continue
                nodes.append(_node(acc))
                if acc.getRole() in (pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE_TABLE, pyatspi.ROLE_LIST):
                    continue  # its cells: not controls
                stack += [acc.getChildAtIndex(i) for i in reversed(range(min(acc.childCount, 500)))]
            except Exception:
                continue
    desktop = pyatspi.Registry.getDesktop(0)
    apps = [getattr(desktop.getChildAtIndex(i), "name", None) for i in range(desktop.childCount)]
    _say(event="tree", app=app.name if app is not None else None, apps=apps, nodes=nodes)


def _on_event(event) -> None:
    try:
        source = event.source
        if source.getApplication() is None or source.getApplication().name != APP:
            return
        if event.type.startswith("object:state-changed:focused") and event.detail1:
            _say(event="focus", **_node(source))
        elif event.type.startswith("object:announcement"):
            _say(event="announcement", text=str(event.any_data))
    except Exception:
        pass


def _command(channel, _condition) -> bool:
    line = channel.readline()
    if not line:
        pyatspi.Registry.stop()
        return False
    if line.strip() == "tree":
        _tree()
    return True


def main() -> None:
    pyatspi.Registry.registerEventListener(_on_event, "object:state-changed:focused", "object:announcement")
    GLib.io_add_watch(GLib.IOChannel.unix_new(sys.stdin.fileno()), GLib.IO_IN | GLib.IO_HUP, _command)
    GLib.idle_add(lambda: _say(event="ready") and False)
    pyatspi.Registry.start()


if __name__ == "__main__":
    main()
