"""dmgbuild settings for Bulkdesk's disk image (a Python file dmgbuild executes):

    dmgbuild -s installer/macos/dmg_settings.py -D app=dist/Bulkdesk.app -D background=build/dmg-bg.png \\
        Bulkdesk build/Bulkdesk-<version>.dmg

`defines` (the -D values) and `settings_file` are given by dmgbuild; the background is optional.
"""

# ruff: noqa: F821 - dmgbuild provides `defines`
import os.path

application = defines.get("app", "dist/Bulkdesk.app")
appname = os.path.basename(application)

format = "UDZO"  # compressed, read-only
filesystem = "HFS+"
size = None  # dmgbuild measures the app
files = [application]
symlinks = {"Applications": "/Applications"}
icon_locations = {appname: (140, 180), "Applications": (420, 180)}
background = defines.get("background", "builtin-arrow")
show_status_bar = False
show_tab_view = False
show_toolbar = False
show_pathbar = False
show_sidebar = False
window_rect = ((200, 160), (560, 380))
default_view = "icon-view"
icon_size = 112
text_size = 13
include_icon_view_settings = True
