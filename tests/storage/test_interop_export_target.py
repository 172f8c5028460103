"""Where ``export -o`` may write: never into the data folder, never over a file without --force,
never over a symbolic link or anything that is not a regular file (issue 12, item 11)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.storage.interop_support import data_bytes, invoke, seed


@pytest.mark.parametrize("fmt", ["json", "md"])
@pytest.mark.parametrize("name", ["rebound.json", "rebound.lock", "backups/x.json", "new.json", "."])
def test_export_refuses_the_data_folder(tmp_path: Path, fmt: str, name: str) -> None:
    """-o onto the live data file (or anything in its folder) would replace the store: refused."""
    seed(tmp_path / "data")
    before = data_bytes(tmp_path / "data")
    result = invoke(tmp_path / "data", "export", "-f", fmt, "-o", str(tmp_path / "data" / name))
    assert result.exit_code == 2
    assert "is in your data folder" in result.output
    assert data_bytes(tmp_path / "data") == before


def test_export_refuses_a_link_into_the_data_folder(tmp_path: Path) -> None:
    seed(tmp_path / "data")
    before = data_bytes(tmp_path / "data")
    (tmp_path / "out.json").symlink_to(tmp_path / "data" / "rebound.json")
    result = invoke(tmp_path / "data", "export", "-o", str(tmp_path / "out.json"), "--force")
    assert result.exit_code == 2
    assert data_bytes(tmp_path / "data") == before


def test_csv_export_refuses_the_data_folder(tmp_path: Path) -> None:
    seed(tmp_path / "data")
    before = data_bytes(tmp_path / "data")
    result = invoke(tmp_path / "data", "export", "-f", "csv", "-o", str(tmp_path / "data"))
    assert result.exit_code == 2 and "is in your data folder" in result.output
    assert data_bytes(tmp_path / "data") == before


@pytest.mark.parametrize("fmt", ["json", "md"])
def test_export_does_not_overwrite_without_force(tmp_path: Path, fmt: str) -> None:
    seed(tmp_path / "data")
    target = tmp_path / "mine.txt"
    target.write_text("my own file")
    result = invoke(tmp_path / "data", "export", "-f", fmt, "-o", str(target))
    assert result.exit_code == 2 and "already exists; add --force" in result.output
    assert target.read_text() == "my own file"
    forced = invoke(tmp_path / "data", "export", "-f", fmt, "-o", str(target), "--force")
    assert forced.exit_code == 0, forced.output
    assert target.read_text() != "my own file"
    assert target.stat().st_mode & 0o777 == 0o600


def test_csv_export_checks_every_file_before_writing_any(tmp_path: Path) -> None:
    seed(tmp_path / "data")
    out = tmp_path / "csv"
    out.mkdir()
    (out / "rounds.csv").write_text("mine")
    result = invoke(tmp_path / "data", "export", "-f", "csv", "-o", str(out))
    assert result.exit_code == 2 and "rounds.csv" in result.output and "--force" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["rounds.csv"]
    assert invoke(tmp_path / "data", "export", "-f", "csv", "-o", str(out), "--force").exit_code == 0
    assert len(list(out.iterdir())) == 5


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_export_never_replaces_a_symlink(tmp_path: Path, force: list[str]) -> None:
    seed(tmp_path / "data")
    (tmp_path / "elsewhere.txt").write_text("kept")
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "elsewhere.txt")
    result = invoke(tmp_path / "data", "export", "-o", str(link), *force)
    assert result.exit_code == 2 and "symbolic link" in result.output
    assert link.is_symlink() and (tmp_path / "elsewhere.txt").read_text() == "kept"


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_export_never_replaces_a_fifo_or_a_device(tmp_path: Path, force: list[str]) -> None:
    seed(tmp_path / "data")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = invoke(tmp_path / "data", "export", "-o", str(fifo), *force)
    assert result.exit_code == 2 and "not a regular file" in result.output
    assert fifo.is_fifo()
    result = invoke(tmp_path / "data", "export", "-o", "/dev/null", *force)
    assert result.exit_code == 2 and "not a regular file" in result.output
    assert Path("/dev/null").is_char_device()


def test_export_to_a_new_file_and_stdout_still_work(tmp_path: Path) -> None:
    seed(tmp_path / "data")
    assert invoke(tmp_path / "data", "export", "-o", str(tmp_path / "new.json")).exit_code == 0
    assert (tmp_path / "new.json").stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    assert invoke(tmp_path / "data", "export", "-o", "-").exit_code == 0
