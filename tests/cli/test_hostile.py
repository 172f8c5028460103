"""Hostile or broken stores, inputs and disks: one clear line on stderr and exit status 2, never a
traceback or a hang (issue 12, items 9 and 10).

Most cases run the real console script in a subprocess with a timeout, as a person would meet
them; the failing-disk cases run :func:`rebound_tui.launch.main` in-process with the file system
call that fails patched to raise the errno a full disk, a size limit, a locked folder or a
failing disk raises.
"""

from __future__ import annotations

import errno
import json
import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from rebound_tui import launch
from rebound_tui.storage import files

SECRET = "my private note 7f3a"
HANG = 10  # seconds: a command that takes this long is hanging


def _script(*args: str, preexec: Callable[[], None] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``rebound-tui ARGS`` as the console script does, stdin closed, killed if it hangs."""
    code = "import sys; from rebound_tui.launch import main; sys.argv[0] = 'rebound-tui'; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=HANG,
        preexec_fn=preexec,
        env={**os.environ, "TZ": "UTC", "REBOUND_TUI_DEBUG": ""},
        check=False,
    )


def _one_clear_line(result: subprocess.CompletedProcess[str], *words: str) -> str:
    """The run ended with status 2 and one line on stderr, holding ``words`` and no traceback."""
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("rebound-tui")
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]
    return lines[0]


# --------------------------------------------------------------------------- the data path


@pytest.mark.parametrize("command", [["status"], ["checkin", "3"], ["checkin", "3", "--note=x"], ["doctor"]])
def test_a_folder_at_the_data_path_is_named(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "rebound.json").mkdir()
    result = _script("--data-dir", str(tmp_path), *command)
    if command == ["doctor"]:
        assert "Traceback" not in result.stderr
        assert "is a folder" in result.stdout + result.stderr
        return
    _one_clear_line(result, "is a folder")


@pytest.mark.parametrize("command", [["status"], ["checkin", "3"], ["checkin", "3", "--note=x"], ["doctor"]])
def test_a_fifo_at_the_data_path_never_hangs(tmp_path: Path, command: list[str]) -> None:
    os.mkfifo(tmp_path / "rebound.json")
    result = _script("--data-dir", str(tmp_path), *command)
    if command == ["doctor"]:
        assert "Traceback" not in result.stderr
        assert "not a regular file" in result.stdout + result.stderr
        return
    _one_clear_line(result, "not a regular file")


@pytest.mark.parametrize("verb", ["import", "merge"])
def test_importing_or_merging_a_fifo_never_hangs(tmp_path: Path, verb: str) -> None:
    os.mkfifo(tmp_path / "in.json")
    _one_clear_line(
        _script("--data-dir", str(tmp_path / "d"), verb, str(tmp_path / "in.json")), "regular file"
    )


DEEP = "[" * 1000 + "]" * 1000
HUGE_INT = '{"_meta": {"schema": {"version": ' + "9" * 5000 + "}}}"


@pytest.mark.parametrize(("text", "words"), [(DEEP, "nested too deeply"), (HUGE_INT, "too long")])
def test_a_deep_or_huge_data_file_is_named_not_a_traceback(tmp_path: Path, text: str, words: str) -> None:
    (tmp_path / "rebound.json").write_text(text)
    _one_clear_line(_script("--data-dir", str(tmp_path), "status"), words, "doctor")
    _one_clear_line(_script("--data-dir", str(tmp_path), "checkin", "3"), words)
    doctor = _script("--data-dir", str(tmp_path), "doctor")
    assert "Traceback" not in doctor.stderr and words in doctor.stdout + doctor.stderr


@pytest.mark.parametrize(("text", "words"), [(DEEP, "nested too deeply"), (HUGE_INT, "too long")])
@pytest.mark.parametrize("verb", ["import", "merge"])
def test_importing_a_deep_or_huge_file_is_refused(tmp_path: Path, text: str, words: str, verb: str) -> None:
    (tmp_path / "in.json").write_text(text)
    _one_clear_line(_script("--data-dir", str(tmp_path / "d"), verb, str(tmp_path / "in.json")), words)
    assert not (tmp_path / "d" / "rebound.json").exists()


# --------------------------------------------------------------------------- options


@pytest.mark.parametrize("spelling", [["--date", "12:00 +99:00"], ["--date=12:00 +99:00"]])
def test_an_offset_of_days_is_an_unreadable_date(tmp_path: Path, spelling: list[str]) -> None:
    """Both the quick path and click's read it; neither may crash when the offset is used."""
    _one_clear_line(_script("--data-dir", str(tmp_path), "checkin", "3", *spelling), "could not read date")
    assert not (tmp_path / "rebound.json").exists()


@pytest.mark.parametrize("command", [["status"], ["checkin", "3"], []])
def test_an_unknown_users_home_is_named(command: list[str]) -> None:
    _one_clear_line(_script("--data-dir", "~nosuchuser-rebound/x", *command), "~nosuchuser-rebound")


@pytest.mark.parametrize("command", [["status"], ["checkin", "3"], []])
def test_an_empty_data_dir_is_an_error_not_the_default_folder(tmp_path: Path, command: list[str]) -> None:
    result = _script("--data-dir", "", *command)
    _one_clear_line(result, "--data-dir is empty")


# --------------------------------------------------------------------------- failing disks


@pytest.mark.parametrize("command", [["status"], ["tip"], ["export"], ["checkin", "4"], ["stats"]])
def test_stdout_on_a_full_device(tmp_path: Path, command: list[str]) -> None:
    """``> /dev/full``: one line on stderr, status 2, and the interpreter's last flush stays quiet."""
    assert _script("--data-dir", str(tmp_path), "checkin", "3").returncode == 0
    with open("/dev/full", "w") as full:
        code = "import sys; from rebound_tui.launch import main; sys.argv[0] = 'rebound-tui'; main()"
        result = subprocess.run(
            [sys.executable, "-c", code, "--data-dir", str(tmp_path), *command],
            stdout=full,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            timeout=HANG,
            check=False,
        )
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        "rebound-tui: could not write: the disk is full (the data file keeps its last saved state)"
    ]


def test_a_file_size_limit_is_one_line_and_keeps_the_store(tmp_path: Path) -> None:
    """EFBIG for real: RLIMIT_FSIZE below the size of the next save."""
    assert _script("--data-dir", str(tmp_path), "checkin", "3", "--note", "short").returncode == 0
    before = (tmp_path / "rebound.json").read_bytes()

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (len(before) + 100, resource.RLIM_INFINITY))

    result = _script("--data-dir", str(tmp_path), "checkin", "4", "--note", "x" * 5000, preexec=small_files)
    _one_clear_line(result, "larger than this system allows", "last saved state")
    assert (tmp_path / "rebound.json").read_bytes() == before


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EFBIG, "larger than this system allows"),
        (errno.EACCES, "permission denied"),
        (errno.EIO, "input/output error"),
    ],
)
@pytest.mark.parametrize(
    "argv",
    [
        ["checkin", "4", "--note", SECRET],  # the quick path
        ["checkin", "4", "--note=" + SECRET],  # click's
        ["interview", "add", "-c", "Acme " + SECRET, "-r", "Dev", "-s", "technical"],
    ],
)
def test_failing_disk_gives_one_line_and_exit_2(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    code: int,
    words: str,
    argv: list[str],
) -> None:
    """A save whose fsync fails (the way a full disk or a failing disk shows): one line, no note."""
    real_fsync = os.fsync

    def failing_fsync(fd: int) -> None:
        if os.path.isdir(f"/proc/self/fd/{fd}"):
            real_fsync(fd)
            return
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(files.os, "fsync", failing_fsync)
    monkeypatch.setattr(sys, "argv", ["rebound-tui", "--data-dir", str(tmp_path), *argv])
    with pytest.raises(SystemExit) as ended:
        launch.main()
    assert ended.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err and SECRET not in err and "Traceback" not in err
    assert not (tmp_path / "rebound.json").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_folder_it_cannot_open_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """EACCES on opening the data file names the file (root ignores chmod, so the open is patched)."""
    (tmp_path / "rebound.json").write_text("{}")
    real_open = os.open

    def denied(path: object, *args: object, **kwargs: object) -> int:
        if str(path).endswith("rebound.json"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(files.os, "open", denied)
    monkeypatch.setattr(sys, "argv", ["rebound-tui", "--data-dir", str(tmp_path), "status"])
    with pytest.raises(SystemExit) as ended:
        launch.main()
    assert ended.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "rebound.json" in err and "Permission denied" in err


def test_an_unexpected_error_is_one_line_without_its_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bug ends in one line naming the error's type and place, never its message (it may hold a note)."""

    def broken(args: list[str]) -> tuple[bool, str | None]:
        raise TypeError(f"cannot show {SECRET}")

    monkeypatch.setattr(launch, "_bare_data_dir", broken)
    monkeypatch.delenv(launch.DEBUG_VAR, raising=False)
    monkeypatch.setattr(sys, "argv", ["rebound-tui", "--data-dir", str(tmp_path), "status"])
    with pytest.raises(SystemExit) as ended:
        launch.main()
    assert ended.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "TypeError" in err and SECRET not in err and "REBOUND_TUI_DEBUG" in err
    monkeypatch.setenv(launch.DEBUG_VAR, "1")
    with pytest.raises(TypeError):
        launch.main()


# --------------------------------------------------------------------------- records of the wrong type


def _store_with_a_round(folder: Path, **wrong: object) -> None:
    """A store holding one interview round, then ``wrong`` written into it by hand."""
    result = _script(
        "--data-dir", str(folder), "interview", "add", "-c", "Acme", "-r", "Dev", "-s", "technical",
        "--follow-up", "in 3 days",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    path = folder / "rebound.json"
    data = json.loads(path.read_text())
    (round_doc,) = data["rounds"].values()
    round_doc.update(wrong)
    path.write_text(json.dumps(data))


@pytest.mark.parametrize(
    ("wrong", "words"),
    [
        ({"stage": 3}, "stage 3 is not one of"),
        ({"outcome": None}, "outcome None is not one of"),
        ({"follow_up": "2026-13-45"}, "follow-up date '2026-13-45'"),
        ({"follow_up": 5}, "follow-up date 5"),
    ],
)
@pytest.mark.parametrize("command", [["status"], ["interview", "list"], ["stats"], ["export"]])
def test_a_round_of_the_wrong_type_is_named(
    tmp_path: Path, wrong: dict[str, object], words: str, command: list[str]
) -> None:
    _store_with_a_round(tmp_path, **wrong)
    if command == ["status"] and "follow_up" not in wrong:
        # status reads only the follow-up dates and check-ins; a bad stage cannot hurt its line
        assert _script("--data-dir", str(tmp_path), *command).returncode == 0
        return
    _one_clear_line(_script("--data-dir", str(tmp_path), *command), words, "doctor")


@pytest.mark.parametrize("wrong", [{"stage": 3}, {"outcome": None}, {"follow_up": "2026-13-45"}])
def test_doctor_explains_a_round_of_the_wrong_type(tmp_path: Path, wrong: dict[str, object]) -> None:
    _store_with_a_round(tmp_path, **wrong)
    result = _script("--data-dir", str(tmp_path), "doctor")
    assert "Traceback" not in result.stderr
    assert "interview round" in result.stdout and "is not valid" in result.stdout
