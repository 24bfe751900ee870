"""The main window's first size suits the screen; later starts open it where the user left it."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSettings

from desktop.views.shell.placeholders import placeholder_pages
from desktop.views.window.main_window import FIRST_SIZE_MAX, MainWindow, first_geometry


def test_a_first_start_takes_most_of_the_screen_centred_within_bounds():
    assert first_geometry(QRect(0, 0, 1600, 1000)) == QRect(160, 100, 1280, 800)
    # a panel on the left: centred in what is left of the screen
    assert first_geometry(QRect(64, 0, 1536, 1000)).center() == QRect(64, 0, 1536, 1000).center()
    big = first_geometry(QRect(0, 0, 3840, 2160))  # a 4K screen: a window, not a wall
    assert big.size() == FIRST_SIZE_MAX and big.center() == QRect(0, 0, 3840, 2160).center()
    small = first_geometry(QRect(0, 0, 1024, 600))  # a small screen: all of it, never more
    assert small == QRect(0, 0, 1024, 600)


def test_the_first_window_fits_the_screen_and_the_next_opens_as_the_user_left_it(qtbot, app_folders):
    state = QSettings(str(app_folders.window_state_path), QSettings.Format.IniFormat)
    window = MainWindow(placeholder_pages(), state=state)
    qtbot.addWidget(window)
    available = window.screen().availableGeometry()
    assert window.geometry() == first_geometry(available)
    assert available.contains(window.geometry())
    window.show()
    qtbot.waitExposed(window)
    window.setGeometry(QRect(30, 40, 700, 500))
    window.close()  # saves the state

    again = MainWindow(placeholder_pages(), state=QSettings(state.fileName(), QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    assert again.geometry().size() == window.geometry().size() == QRect(30, 40, 700, 500).size()
    assert again.geometry().topLeft() == window.geometry().topLeft()
