"""Tests for the command line: quick check-ins, interviews, status, doctor, tip, help and every error path.

Most tests drive the click commands in-process with ``CliRunner`` and an ``Env``
whose clock is frozen at Friday 2026-11-20 09:30 (+01:00); a few run the real
console script in a subprocess.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from rebound_tui import __version__
from rebound_tui.cli.context import Env
from rebound_tui.cli.main import cli
from rebound_tui.core.models import AppStatus, CheckIn, Factor, Outcome, Stage
from rebound_tui.core.tips import SITUATIONS, tip_of_the_day
from rebound_tui.storage.store import Store

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=TZ)
SCRIPT = Path(sys.executable).with_name("rebound-tui")


class Clock:
    """A frozen clock the test can move."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


class Cli:
    """Runs ``rebound-tui`` commands in-process against one data folder and a frozen clock."""

    def __init__(self, data_dir: Path, clock: Clock) -> None:
        self.data_dir = data_dir
        self.clock = clock

    @property
    def path(self) -> Path:
        return self.data_dir / "rebound.json"

    def __call__(self, *args: str, input: str | None = None) -> Result:
        env = Env(data_dir=str(self.data_dir), clock=self.clock)
        return CliRunner().invoke(cli, list(args), obj=env, input=input, prog_name="rebound-tui")

    def ok(self, *args: str, input: str | None = None) -> str:
        """Run a command that must succeed; return its stdout."""
        result = self(*args, input=input)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert result.exit_code == 0, result.stderr
        assert result.stderr == ""
        return result.stdout

    def store(self) -> Store:
        return Store(self.data_dir)


@pytest.fixture
def run(data_dir: Path, clock: Clock) -> Cli:
    return Cli(data_dir, clock)


def assert_one_line_error(result: Result, *fragments: str) -> str:
    """Exit status 2, nothing on stdout, exactly one line on stderr holding every fragment, no traceback."""
    assert result.exit_code == 2, (result.stdout, result.stderr, result.exception)
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    assert result.stderr.endswith("\n") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr
    return result.stderr


def _add_round(
    run: Cli, *extra: str, company: str = "Acme", role: str = "SRE", stage: str = "phone screen"
) -> str:
    """Log a round and return its short id from the confirmation line."""
    out = run.ok("interview", "add", "-c", company, "-r", role, "-s", stage, *extra)
    return out.split(" - round ")[1].split(".")[0]


# --------------------------------------------------------------------------- checkin


def test_checkin_with_every_option(run: Cli) -> None:
    """``checkin 4`` with energy, feelings, activities and a note saves all of them for now."""
    out = run.ok(
        "checkin", "4", "--energy", "3", "--feel", "hopeful", "-f", "Tired, calm", "--did", "applied",
        "-d", "walked", "--note", "Sent two applications ✉️",
    )  # fmt: skip
    assert out.startswith("Saved: good (4/5) for today.")
    assert out.count("\n") == 1
    (checkin,) = run.store().snapshot().checkins
    assert checkin.mood == 4
    assert checkin.energy == 3
    assert checkin.feelings == ("hopeful", "tired", "calm")
    assert checkin.activities == ("applied", "walked")
    assert checkin.note == "Sent two applications ✉️"
    assert checkin.timestamp == NOW


def test_checkin_mood_words_and_note_from_stdin(run: Cli) -> None:
    """A mood word works like its number, and ``--note -`` reads a multi-line note from stdin."""
    run.ok("checkin", "great", "--note", "-", input="line one\nline two\n")
    (checkin,) = run.store().snapshot().checkins
    assert (checkin.mood, checkin.note) == (5, "line one\nline two\n")


def test_checkin_reply_is_kind_on_a_hard_day_and_counts_the_streak(run: Cli, clock: Clock) -> None:
    """A low mood gets a thank-you; consecutive days are counted in the reply."""
    assert "hard day" in run.ok("checkin", "1")
    clock.now = NOW + timedelta(days=1)
    assert "2 days in a row" in run.ok("checkin", "4")
    clock.now = NOW + timedelta(days=2)
    assert "3 days in a row" in run.ok("checkin", "add", "5")


@pytest.mark.parametrize(
    ("when", "expected", "shown"),
    [
        ("yesterday", datetime(2026, 11, 19, 9, 30, tzinfo=TZ), "yesterday"),
        ("2026-11-18", datetime(2026, 11, 18, 9, 30, tzinfo=TZ), "Wed 18 Nov"),
        ("Nov 17", datetime(2026, 11, 17, 9, 30, tzinfo=TZ), "Tue 17 Nov"),
        ("3 days ago", datetime(2026, 11, 17, 9, 30, tzinfo=TZ), "Tue 17 Nov"),
        ("last monday", datetime(2026, 11, 16, 9, 30, tzinfo=TZ), "Mon 16 Nov"),
        ("yesterday 8pm", datetime(2026, 11, 19, 20, 0, tzinfo=TZ), "yesterday"),
        ("2025-12-31 22:15", datetime(2025, 12, 31, 22, 15, tzinfo=TZ), "Wed 31 Dec 2025"),
    ],
)
def test_checkin_date_forms(run: Cli, when: str, expected: datetime, shown: str) -> None:
    """``--date`` accepts ISO dates, month names, relative words and times, and the reply names the day."""
    out = run.ok("checkin", "3", "--date", when)
    assert f"for {shown}." in out
    (checkin,) = run.store().snapshot().checkins
    assert checkin.timestamp == expected
    assert checkin.created == NOW, "created is when it was saved, not the day it is about"


# --------------------------------------------------------------------------- interview


def test_interview_add_list_update(run: Cli) -> None:
    """Log an application and a round, see them listed, then record the outcome and a reflection."""
    assert "No applications yet" in run.ok("interview", "list")
    first = _add_round(run, "--stage", "applied", "--date", "3 days ago", "--source", "referral")
    second = _add_round(run, "--date", "yesterday 2pm", "--follow-up", "in 5 days", stage="Phone-Screen")
    snap = run.store().snapshot()
    assert len(snap.applications) == 1, "same company and role: the same application"
    app = snap.applications[0]
    assert (app.company, app.role, app.source) == ("Acme", "SRE", "referral")
    by_id = {r.id[:8]: r for r in snap.rounds}
    assert by_id[first].stage is Stage.APPLIED
    assert by_id[second].stage is Stage.PHONE_SCREEN
    assert by_id[second].when == datetime(2026, 11, 19, 14, 0, tzinfo=TZ)
    assert by_id[second].follow_up == date(2026, 11, 25)

    listing = run.ok("interview", "list")
    assert f"{app.id[:8]}  Acme - SRE  [active]" in listing
    assert f"{second}  2026-11-19  phone screen" in listing
    assert "follow up 2026-11-25" in listing

    out = run.ok(
        "interview", "update", second, "--outcome", "rejected", "--went-well", "clear examples",
        "--to-improve", "ask more", "--lesson", "prepare stories", "--rate", "examples=4,confidence=2",
        "--factor", "internal", "--follow-up", "none",
    )  # fmt: skip
    assert out.startswith(f"Updated round {second}: phone screen, rejected.")
    assert "not a verdict" in out, "a rejection gets a supportive line"
    rnd = run.store().get(type(by_id[second]), second)
    assert rnd.outcome is Outcome.REJECTED
    assert (rnd.went_well, rnd.to_improve, rnd.lesson) == ("clear examples", "ask more", "prepare stories")
    assert rnd.ratings == {"examples": 4, "confidence": 2}
    assert rnd.factors == (Factor.INTERNAL_CANDIDATE,)
    assert rnd.follow_up is None
    assert rnd.updated == NOW
    assert "[rejected]" in run.ok("interview", "list")
    assert "reflected" in run.ok("interview", "list")


def test_interview_add_after_a_rejection_opens_a_new_application(run: Cli) -> None:
    """Applying again to a company that said no starts a fresh application; case does not split them."""
    _add_round(run, "--outcome", "rejected")
    _add_round(run, company="ACME", role="sre", stage="applied")
    snap = run.store().snapshot()
    assert len(snap.applications) == 2
    statuses = sorted(snap.status_of(a.id).value for a in snap.applications)
    assert statuses == ["active", "rejected"]


def test_interview_add_ghosted_gets_kind_words(run: Cli) -> None:
    """Logging a ghosting says the silence is about their process."""
    out = run.ok("interview", "add", "-c", "Quiet Co", "-r", "SRE", "-s", "technical", "-o", "ghosted")
    assert "[ghosted]" in out
    assert "Silence" in out


def test_interview_list_json(run: Cli, clock: Clock) -> None:
    """``--json`` prints every application with its derived status and its rounds as full documents."""
    clock.now = NOW - timedelta(days=10)
    rid = _add_round(run, "--outcome", "advanced", "--date", "2026-11-10")
    clock.now = NOW
    run.ok(
        "interview", "add", "-c", "Beta", "-r", "Data", "-s", "offer talk", "-o", "offer", "--date", "Nov 18"
    )
    data = json.loads(run.ok("interview", "list", "--json"))
    assert [a["company"] for a in data] == ["Beta", "Acme"], "newest activity first"
    beta, acme = data
    assert beta["status"] == AppStatus.OFFER.value
    assert acme["status"] == "active"
    assert acme["rounds"][0]["id"].startswith(rid)
    assert acme["rounds"][0]["stage"] == "phone-screen"
    assert acme["rounds"][0]["when"] == "2026-11-10T09:30:00+01:00"
    assert set(acme) >= {"id", "company", "role", "source", "created", "updated", "status", "rounds"}
    only_offers = json.loads(run.ok("interview", "list", "--json", "--status", "offer"))
    assert [a["company"] for a in only_offers] == ["Beta"]
    assert json.loads(run.ok("interview", "list", "--json", "--status", "ghosted")) == []


def test_interview_update_may_set_a_future_date_but_checkin_may_not(run: Cli) -> None:
    """Interviews can be scheduled ahead; a check-in for tomorrow is refused."""
    rid = _add_round(run, "--date", "in 2 days")
    (rnd,) = run.store().snapshot().rounds
    assert rnd.when.date() == date(2026, 11, 22)
    run.ok("interview", "update", rid, "--date", "next monday 10:00")
    assert run.store().snapshot().rounds[0].when == datetime(2026, 11, 23, 10, 0, tzinfo=TZ)
    assert_one_line_error(run("checkin", "4", "--date", "tomorrow"), "is in the future")


# --------------------------------------------------------------------------- status, tip, version


def test_status_line(run: Cli, clock: Clock) -> None:
    """One line: streak, whether today is done, and follow-ups due; reading writes nothing."""
    assert run.ok("status") == "rebound: no check-ins yet, today's check-in is open\n"
    assert not run.data_dir.exists(), "status must not create the data folder"
    for days_ago in (2, 1):
        clock.now = NOW - timedelta(days=days_ago)
        run.ok("checkin", "4")
    clock.now = NOW
    line = run.ok("status")
    assert line == "rebound: 2-day check-in streak, today's check-in is open\n"
    run.ok("checkin", "3")
    _add_round(run, "--follow-up", "today")
    _add_round(run, "--follow-up", "yesterday", company="Beta")
    _add_round(run, "--follow-up", "in 3 days", company="Gamma")
    line = run.ok("status")
    assert line == "rebound: 3-day check-in streak, checked in today, 2 follow-ups due\n"
    before = run.path.read_bytes()
    run.ok("status")
    assert run.path.read_bytes() == before


def test_tip_of_the_day_and_by_situation(run: Cli) -> None:
    """``tip`` prints the frozen day's tip; ``--situation`` picks from that situation; nothing is written."""
    chosen = tip_of_the_day(NOW.date())
    assert run.ok("tip") == f"{chosen.title} ({SITUATIONS[chosen.situation]})\n{chosen.text}\n"
    out = run.ok("tip", "--situation", "rejection")
    assert out.splitlines()[0].endswith("(After a rejection)")
    assert_one_line_error(run("tip", "-s", "sunny beaches"), "sunny beaches")
    assert not run.data_dir.exists()


def test_version(run: Cli) -> None:
    """``--version`` and ``-V`` print the package version."""
    assert run.ok("--version") == f"rebound-tui, version {__version__}\n"
    assert run.ok("-V") == f"rebound-tui, version {__version__}\n"


def _command_paths(command: click.Command, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield path
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from _command_paths(sub, (*path, name))


COMMAND_PATHS = list(_command_paths(cli))


def test_the_command_tree_has_the_documented_commands() -> None:
    """The walk below covers the quick commands the spec names."""
    names = {" ".join(p) for p in COMMAND_PATHS}
    assert {"checkin", "checkin add", "interview add", "interview list", "interview update"} <= names
    assert {"status", "doctor", "tip"} <= names


@pytest.mark.parametrize("path", COMMAND_PATHS, ids=lambda p: " ".join(p) or "rebound-tui")
def test_help_on_every_command(run: Cli, path: tuple[str, ...]) -> None:
    """Every command and group answers ``--help`` and ``-h`` with usage text, exit 0, nothing written."""
    for flag in ("--help", "-h"):
        out = run.ok(*path, flag)
        assert out.startswith("Usage: rebound-tui")
        assert "Options:" in out
    assert not run.data_dir.exists()


def test_no_command_without_a_terminal_is_a_clear_error(run: Cli) -> None:
    """Bare ``rebound-tui`` (and bare ``checkin``) without a TTY explain themselves and exit 2."""
    assert_one_line_error(run(), "needs an interactive terminal")
    assert_one_line_error(run("checkin"), "needs an interactive terminal", "rebound-tui checkin 4")


# --------------------------------------------------------------------------- doctor


def _history_with_backup(run: Cli, clock: Clock) -> Path:
    """Saves on two days, so one daily backup exists; returns it."""
    clock.now = NOW - timedelta(days=1)
    run.ok("interview", "add", "-c", "Acme", "-r", "SRE", "-s", "applied")
    clock.now = NOW
    run.ok("interview", "add", "-c", "Beta", "-r", "SRE", "-s", "applied")
    (backup,) = run.store().backups()
    return backup


def test_doctor_on_a_healthy_store(run: Cli, clock: Clock) -> None:
    """A healthy store: every line 'ok', counts shown, exit 0."""
    assert "does not exist yet" in run.ok("doctor")
    assert not run.data_dir.exists(), "doctor does not create anything"
    _history_with_backup(run, clock)
    out = run.ok("doctor")
    lines = out.splitlines()
    assert lines and all(line.startswith("ok ") for line in lines)
    assert "0 check-ins, 2 applications, 2 rounds, 0 pauses" in out
    assert "can be locked" in out
    assert "newest good: rebound-2026-11-20.json" in out


def test_doctor_reports_loose_permissions(run: Cli, clock: Clock) -> None:
    """A data file readable by others is flagged with the chmod that fixes it, exit 1."""
    _history_with_backup(run, clock)
    os.chmod(run.path, 0o644)
    result = run("doctor")
    assert result.exit_code == 1
    assert f"FIX  data file: {run.path} has mode 0644; expected 0600 (chmod 600 {run.path})" in result.stdout


def test_doctor_reports_corruption_and_restores_the_newest_good_backup(run: Cli, clock: Clock) -> None:
    """Corrupt file: doctor names it (exit 1); ``--restore --yes`` restores the backup, keeps the bad file."""
    backup = _history_with_backup(run, clock)
    bad = run.path.read_bytes()[:-25]
    run.path.write_bytes(bad)

    result = run("doctor")
    assert result.exit_code == 1
    assert f"FIX  contents: {run.path} cannot be read" in result.stdout
    assert str(backup) in result.stdout
    assert run.path.read_bytes() == bad, "checking changes nothing"

    declined = run.ok("doctor", "--restore", input="n\n")
    assert "Nothing was changed." in declined
    assert run.path.read_bytes() == bad

    out = run.ok("doctor", "--restore", "--yes")
    assert f"Restored {run.path} from {backup}" in out
    restored, kept = json.loads(run.path.read_bytes()), json.loads(backup.read_bytes())
    assert restored.pop("_meta")["writes"]["count"] > kept.pop("_meta").get("writes", {}).get("count", 0)
    assert restored == kept, "the backup's records, with a save counter above every backup's"
    (aside,) = run.data_dir.glob("rebound.json.before-restore-*")
    assert aside.read_bytes() == bad
    assert (aside.stat().st_mode & 0o777) == 0o600
    snap = run.store().snapshot()
    assert [a.company for a in snap.applications] == ["Acme"]
    assert all(line.startswith("ok ") for line in run.ok("doctor").splitlines())


def test_doctor_restore_without_a_good_backup_changes_nothing(run: Cli) -> None:
    """With no readable backup, restoring is an error and the file stays as it was."""
    run.ok("interview", "add", "-c", "Acme", "-r", "SRE", "-s", "applied")
    run.path.write_bytes(b"{broken")
    result = run("doctor", "--restore", "--yes")
    assert result.exit_code == 2
    assert "FIX  contents" in result.stdout, "the report comes first"
    assert result.stderr.count("\n") == 1
    assert "no readable backup" in result.stderr and "nothing was changed" in result.stderr
    assert run.path.read_bytes() == b"{broken"


def test_doctor_restore_refuses_to_replace_a_readable_file(run: Cli, clock: Clock) -> None:
    """``--restore`` over a file that reads fine would roll back today's entries: it changes nothing."""
    _history_with_backup(run, clock)
    before = run.path.read_bytes()
    out = run.ok("doctor", "--restore", "--yes")
    assert "nothing to restore" in out
    assert run.path.read_bytes() == before
    assert not list(run.data_dir.glob("rebound.json.before-restore-*"))
    assert len(run.store().snapshot().applications) == 2


# --------------------------------------------------------------------------- bad input


BAD_INPUT = [
    (("checkin", "0"), "mood must be from 1 to 5"),
    (("checkin", "6"), "got 6"),
    (("checkin", "meh"), "mood must be a whole number"),
    (("checkin", "4", "--energy", "9"), "energy must be from 1 to 5"),
    (("checkin", "4", "--date", "blursday"), "could not read date 'blursday'"),
    (("checkin", "4", "--date", "tomorrow"), "is in the future"),
    (("checkin", "4", "--feel", "x" * 41), "longer than 40 characters"),
    (("interview", "add", "-c", "Acme", "-r", "SRE", "-s", "coffee chat"), "unknown stage 'coffee chat'"),
    (("interview", "add", "-c", "Acme", "-r", "SRE", "-s", "applied", "-o", "won"), "unknown outcome 'won'"),
    (("interview", "add", "-c", "", "-r", "SRE", "-s", "applied"), "company cannot be empty"),
    (("interview", "add", "-c", "   ", "-r", "SRE", "-s", "applied"), "company cannot be empty"),
    (("interview", "add", "-c", "Acme", "-r", "SRE", "-s", "applied", "--date", "someday"), "could not read"),
    (
        ("interview", "add", "-c", "Acme", "-r", "SRE", "-s", "applied", "--follow-up", "soon"),
        "follow-up date",
    ),
    (("interview", "add", "-r", "SRE", "-s", "applied"), "--company"),
    (
        ("interview", "update", "ffffffff", "--outcome", "rejected"),
        "no interview round has an id starting with",
    ),
    (("interview", "update", "ffffffff"), "nothing to change"),
    (("interview", "list", "--status", "sleeping"), "unknown status 'sleeping'"),
    (("checkin", "4", "--bogus"), "No such option"),
    (("nonsense",), "No such command"),
]


@pytest.mark.parametrize(
    ("args", "fragment"), BAD_INPUT, ids=lambda v: " ".join(v) if isinstance(v, tuple) else ""
)
def test_bad_input_on_a_fresh_folder_writes_nothing(run: Cli, args: tuple[str, ...], fragment: str) -> None:
    """Bad input: one line on stderr naming the problem, exit 2, and no data folder is even created."""
    assert_one_line_error(run(*args), fragment)
    assert not run.data_dir.exists()


@pytest.mark.parametrize(
    ("args", "fragment"), BAD_INPUT, ids=lambda v: " ".join(v) if isinstance(v, tuple) else ""
)
def test_bad_input_leaves_existing_data_byte_identical(
    run: Cli, args: tuple[str, ...], fragment: str
) -> None:
    """The same bad input against an existing store leaves the file and its folder exactly as they were."""
    run.ok("interview", "add", "-c", "Acme", "-r", "SRE", "-s", "applied")
    before = run.path.read_bytes()
    listing = sorted(p.name for p in run.data_dir.rglob("*"))
    assert_one_line_error(run(*args), fragment)
    assert run.path.read_bytes() == before
    assert sorted(p.name for p in run.data_dir.rglob("*")) == listing


def test_ambiguous_round_prefix_is_bad_input(run: Cli, data_dir: Path) -> None:
    """An id prefix shared by two rounds asks for more of the id and changes nothing."""
    for _ in range(40):
        _add_round(run, company=f"Co {random.random()}")
    ids = [r.id for r in run.store().snapshot().rounds]
    shared = next((a[0] for a in ids if sum(i.startswith(a[0]) for i in ids) > 1), None)
    assert shared is not None, "40 random uuids always share a first hex digit"
    before = run.path.read_bytes()
    assert_one_line_error(run("interview", "update", shared, "-o", "advanced"), "give more of the id")
    assert run.path.read_bytes() == before


# --------------------------------------------------------------------------- corrupt files


def _good_payload(data_dir: Path) -> bytes:
    store = Store(data_dir, clock=lambda: NOW)
    store.add_many([CheckIn.new(4, note=f"day {i}", now=NOW - timedelta(days=i)) for i in range(5)])
    return store.path.read_bytes()


CORRUPTIONS: dict[str, Callable[[bytes], bytes]] = {
    "truncated": lambda good: good[: len(good) // 2],
    "trailing-garbage": lambda good: good + b"\x00\x00garbage}",
    "empty": lambda good: b"",
    "binary": lambda good: random.Random(7).randbytes(700),
}
READERS = [
    ("status",),
    ("checkin", "4"),
    ("interview", "list"),
    ("interview", "list", "--json"),
    ("interview", "add", "-c", "Acme", "-r", "SRE", "-s", "applied"),
    ("interview", "update", "abc", "-o", "rejected"),
]


@pytest.mark.parametrize("kind", CORRUPTIONS)
@pytest.mark.parametrize("args", READERS, ids=" ".join)
def test_corrupt_file_is_reported_and_left_alone(run: Cli, kind: str, args: tuple[str, ...]) -> None:
    """Every command that reads a corrupt file exits 2 with one line naming the path; the bytes stay."""
    good = _good_payload(run.data_dir)
    bad = CORRUPTIONS[kind](good)
    run.path.write_bytes(bad)
    assert_one_line_error(run(*args), str(run.path), "cannot be read", "rebound-tui doctor")
    assert run.path.read_bytes() == bad
    assert run.store().backups() == []


INVALID_RECORD = json.dumps(
    {"_meta": {"schema": {"version": 1}}, "checkins": {"0b6f3c1e-5d7a-4f3e-9c1b-2a4d6e8f0a1b": {"mood": 3}}}
).encode()


def test_status_on_a_file_with_an_invalid_record_is_a_one_line_error(run: Cli) -> None:
    """A file that parses but holds a broken check-in is reported like any corrupt file."""
    run.data_dir.mkdir(mode=0o700)
    run.path.write_bytes(INVALID_RECORD)
    assert_one_line_error(run("status"), str(run.path))
    assert run.path.read_bytes() == INVALID_RECORD


def test_interview_list_on_a_file_with_an_invalid_record_is_a_one_line_error(run: Cli) -> None:
    """Commands that build model objects name the broken record, its path and the doctor."""
    run.data_dir.mkdir(mode=0o700)
    run.path.write_bytes(INVALID_RECORD)
    assert_one_line_error(run("interview", "list"), str(run.path), "0b6f3c1e", "missing field")
    assert run.path.read_bytes() == INVALID_RECORD


# --------------------------------------------------------------------------- the real console script


def _script(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed console script with a frozen clock and no terminal on stdin."""
    environ = {k: v for k, v in os.environ.items() if k != "REBOUND_TUI_DATA_DIR"}
    environ.update({"REBOUND_TUI_NOW": NOW.isoformat(), **(env or {})})
    return subprocess.run(
        [str(SCRIPT), *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env=environ,
    )


def test_console_script_interview_round_trip(data_dir: Path) -> None:
    """The installed script logs and lists through REBOUND_TUI_DATA_DIR with a frozen REBOUND_TUI_NOW."""
    env = {"REBOUND_TUI_DATA_DIR": str(data_dir)}
    added = _script("interview", "add", "-c", "Acme", "-r", "SRE", "-s", "technical", env=env)
    assert added.returncode == 0, added.stderr
    assert "Logged technical at Acme (SRE) for today [pending]" in added.stdout
    listed = _script("interview", "list", "--json", env=env)
    (app,) = json.loads(listed.stdout)
    assert app["rounds"][0]["created"] == NOW.isoformat()


def test_console_script_errors_and_no_tty(data_dir: Path) -> None:
    """Through the real script: bad input is one line and exit 2; the bare app without a TTY too."""
    bad = _script("--data-dir", str(data_dir), "checkin", "9")
    assert (bad.returncode, bad.stdout) == (2, "")
    assert (
        bad.stderr
        == "rebound-tui: mood must be from 1 to 5 (1 awful, 2 low, 3 okay, 4 good, 5 great); got 9\n"
    )
    bare = _script("--data-dir", str(data_dir))
    assert bare.returncode == 2
    assert bare.stderr.count("\n") == 1 and "interactive terminal" in bare.stderr
    assert not data_dir.exists()


def test_console_script_checkin(data_dir: Path) -> None:
    """``rebound-tui --data-dir D checkin 4 --note x`` saves and answers in one line."""
    done = _script("--data-dir", str(data_dir), "checkin", "4", "--note", "x")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Saved: good (4/5) for today.")
    (checkin,) = Store(data_dir).snapshot().checkins
    assert (checkin.note, checkin.timestamp) == ("x", NOW)
