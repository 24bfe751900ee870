"""The watched folder's logic (no Qt, no server): new and complete files offered once, moves."""

from __future__ import annotations

import os

from desktop.models.seller.watch_folder import WatchFolder


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_file_is_offered_once_complete_and_again_only_when_it_changes(tmp_path):
    clock = Clock()
    folder = WatchFolder(tmp_path, settle_s=1.0, clock=clock)
    path = tmp_path / "offers.csv"
    path.write_bytes(b"sku,title\r\n")
    for name in ("~$offers.csv", ".~lock.offers.csv#", "offers.csv.tmp", "notes.pdf"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "sub.csv").mkdir()
    assert folder.scan() == [] and folder.settling  # just seen
    clock.now += 0.5
    with path.open("ab") as f:  # still being written
        f.write(b"A-1,Mop\r\n")
    os.utime(path, ns=(1, 2_000_000_000))
    assert folder.scan() == []
    clock.now += 0.5
    assert folder.scan() == []  # changed half a second ago
    clock.now += 1.0
    assert folder.scan() == [path] and not folder.settling
    clock.now += 5
    assert folder.scan() == []  # declined: not offered again as it is
    os.utime(path, ns=(1, 3_000_000_000))  # saved again
    folder.scan()
    clock.now += 1.5
    assert folder.scan() == [path]


def test_processed_and_failed_files_move_to_their_subfolders_under_free_names(tmp_path):
    folder = WatchFolder(tmp_path)
    for _ in range(2):
        (tmp_path / "offers.csv").write_bytes(b"x")
        moved = folder.done(tmp_path / "offers.csv")
    assert moved == tmp_path / "processed" / "offers (2).csv" and (tmp_path / "processed" / "offers.csv").exists()
    (tmp_path / "bad.csv").write_bytes(b"\x00")
    assert folder.failed(tmp_path / "bad.csv") == tmp_path / "failed" / "bad.csv"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["failed", "processed"]
    assert WatchFolder(tmp_path / "missing").scan() == []
