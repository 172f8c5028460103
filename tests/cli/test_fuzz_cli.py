"""Hypothesis fuzzing of the command line, in-process with click's CliRunner.

Whatever arrives on the command line (moods as any text, dates, tags, notes
with control characters, Textual markup, terminal escape sequences, bytes that
were not UTF-8, strings of 200,000 characters) and whatever sits in the data
file (random bytes, JSON of the wrong shape, a schema from the future), the
CLI answers with exit status 0 or 2, never a traceback; a refusal is one line
on stderr and leaves the data file exactly as it was.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from rebound_tui.cli.context import Env
from rebound_tui.cli.main import cli
from rebound_tui.core.models import SCHEMA_VERSION

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 28, 10, 30, tzinfo=TZ)

FUZZ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)

# ----------------------------------------------------------------------------- strategies

NASTY = [
    "",
    " ",
    "-",
    "--",
    "--help",
    "[bold]",
    "[/]",
    "[@click=app.quit]",
    "[link=https://example.com]x[/link]",
    "\x1b[31mred\x1b[0m",
    "\x1b]0;title\x07",
    "\x1b[2J\x1b[H",
    "\x1b[?1049h",
    "\r",
    "\n",
    "a\nb",
    "\t",
    "\x07",
    "\x7f",
    "\u202etxt",
    "\ufeff",
    "👍🏽",
    "e\u0301",
    "café",
    "caf\udce9",  # what a Latin-1 terminal's 'café' becomes in argv (surrogateescape)
    "\udcff",
    "%s%n{0}",
    "'; DROP TABLE checkins; --",
    "../../etc/passwd",
]

# Real argv strings cannot hold NUL; anything else can reach the program.
_chars = st.characters(exclude_characters="\x00")  # surrogates are excluded by default
_surrogate_escapes = st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF)
_short = st.text(
    alphabet=st.one_of(_chars, _surrogate_escapes, st.sampled_from("\x1b[]@=/\n\r\t")), max_size=40
)
_long = st.builds(
    lambda unit, n: (unit * n)[:n],
    st.sampled_from(["x", "[b]", "\x1b[1m", "é", "👍", "\n"]),
    st.integers(min_value=1_000, max_value=200_000),
)
nasty_text = st.one_of(st.sampled_from(NASTY), _short, _long)
moods = st.one_of(
    st.integers(min_value=-100, max_value=100).map(str),
    st.sampled_from(["awful", "low", "okay", "good", "great", "GOOD", " 4 ", "4.0", "1e0", "٤", "½", "0x4"]),
    nasty_text,
)
dates = st.one_of(
    st.sampled_from(
        ["today", "yesterday", "3 days ago", "in 2 weeks", "last monday", "Nov 20", "2026-11-20",
         "2026-11-20 14:00", "2026-02-30", "9999-12-31", "0001-01-01", "tomorrow", "13/13/13", "now"]
    ),
    nasty_text,
)  # fmt: skip
tags = st.lists(
    st.one_of(st.sampled_from(["hopeful", "tired", "applied", "a,b", "x|y"]), nasty_text), max_size=3
)


# ----------------------------------------------------------------------------- running the CLI


@contextmanager
def fresh_dir() -> Iterator[Path]:
    """A new data folder for one example (hypothesis runs many examples per test function)."""
    with tempfile.TemporaryDirectory(prefix="rebound-fuzz-") as folder:
        yield Path(folder) / "data"


def invoke(data_dir: Path, args: list[str], stdin: str = "") -> Result:
    runner = CliRunner(env={"REBOUND_TUI_DATA_DIR": None, "REBOUND_TUI_NOW": None, "NO_COLOR": "1"})
    return runner.invoke(cli, args, obj=Env(data_dir=str(data_dir), clock=lambda: NOW), input=stdin)


def assert_clean(result: Result, args: list[str]) -> None:
    """Exit 0 or 2, no traceback; a refusal is exactly one non-empty line on stderr."""
    shown = [a[:60] for a in args]
    event(f"exit status {result.exit_code}")
    assert result.exception is None or isinstance(result.exception, SystemExit), (shown, result.exc_info)
    assert result.exit_code in (0, 2), (shown, result.exit_code, result.output[-500:])
    if result.exit_code == 2:
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].strip(), (shown, result.stderr[-500:])


VALUE_OPTIONS = frozenset({"--energy", "-e", "--feel", "-f", "--did", "-d", "--note", "-n", "--date"})


def asks_for_help(args: list[str]) -> bool:
    """Whether ``--help`` or ``-h`` stands as an option, not as a value (``--note --help`` is a note)."""
    after_option = False
    for arg in args:
        if not after_option and arg in ("--help", "-h"):
            return True
        after_option = not after_option and arg in VALUE_OPTIONS
    return False


def checkins_in(data_dir: Path) -> list[dict[str, Any]]:
    path = data_dir / "rebound.json"
    if not path.exists():
        return []
    return list(json.loads(path.read_bytes()).get("checkins", {}).values())


# ----------------------------------------------------------------------------- arguments


@FUZZ
@given(
    mood=moods,
    energy=st.one_of(st.none(), moods),
    feelings=tags,
    activities=tags,
    note=st.one_of(st.none(), nasty_text),
    when=st.one_of(st.none(), dates),
)
@example(mood="4", energy=None, feelings=[], activities=[], note="[@click=app.quit]\x1b[2J", when=None)
@example(mood="4", energy=None, feelings=[], activities=[], note="x" * 200_000, when=None)
@example(mood="5", energy="3", feelings=["caf\udce9"], activities=[], note="caf\udce9", when="yesterday")
def test_checkin_never_crashes(
    mood: str,
    energy: str | None,
    feelings: list[str],
    activities: list[str],
    note: str | None,
    when: str | None,
) -> None:
    """`checkin MOOD ...` saves exactly what was given (exit 0) or refuses in one line, writing nothing."""
    args = ["checkin", mood]
    if energy is not None:
        args += ["--energy", energy]
    for tag in feelings:
        args += ["--feel", tag]
    for tag in activities:
        args += ["--did", tag]
    if note is not None:
        args += ["--note", note]
    if when is not None:
        args += ["--date", when]
    with fresh_dir() as data_dir:
        result = invoke(data_dir, args)
        assert_clean(result, args)
        saved = checkins_in(data_dir)
        if result.exit_code == 2 or asks_for_help(args):
            assert saved == []
            return
        (checkin,) = saved
        assert 1 <= checkin["mood"] <= 5


@FUZZ
@given(
    mood=st.sampled_from(["1", "2", "3", "4", "5", "okay", "Great"]), note=nasty_text, when=st.none() | dates
)
def test_checkin_note_is_kept_verbatim(mood: str, note: str, when: str | None) -> None:
    """Any note that is accepted is stored exactly: markup, escapes and emoji are data, never commands."""
    args = ["checkin", mood, "--note", note, *(["--date", when] if when is not None else [])]
    with fresh_dir() as data_dir:
        result = invoke(data_dir, args)
        assert_clean(result, args)
        saved = checkins_in(data_dir)
        if result.exit_code == 2:
            assert saved == []
            return
        (checkin,) = saved
        if note != "-":  # '-' reads the note from stdin (empty here)
            assert checkin["note"] == note


@FUZZ
@given(
    company=nasty_text, role=nasty_text, stage=st.sampled_from(["applied", "Phone Screen", "onsite-final"])
)
def test_interview_names_are_kept(company: str, role: str, stage: str) -> None:
    """Accepted company and role names come back from `interview list --json` as given (spaces tidied)."""
    args = ["interview", "add", "--company", company, "--role", role, "--stage", stage]
    with fresh_dir() as data_dir:
        result = invoke(data_dir, args)
        assert_clean(result, args)
        if result.exit_code == 2:
            assert not (data_dir / "rebound.json").exists()
            return
        listed = invoke(data_dir, ["interview", "list", "--json"])
        assert_clean(listed, ["interview", "list", "--json"])
        (application,) = json.loads(listed.stdout)
        assert application["company"] == " ".join(company.split())
        assert application["role"] == " ".join(role.split())


@FUZZ
@given(
    company=nasty_text,
    role=nasty_text,
    stage=st.one_of(
        st.sampled_from(["applied", "Phone Screen", "onsite-final", "take home", "offer talk"]), nasty_text
    ),
    outcome=st.one_of(st.none(), st.sampled_from(["rejected", "GHOSTED", "pending"]), nasty_text),
    when=st.one_of(st.none(), dates),
    follow_up=st.one_of(st.none(), dates),
)
def test_interview_add_never_crashes(
    company: str, role: str, stage: str, outcome: str | None, when: str | None, follow_up: str | None
) -> None:
    """`interview add` logs the round or refuses in one line; `interview list` then reads it back."""
    args = ["interview", "add", "--company", company, "--role", role, "--stage", stage]
    if outcome is not None:
        args += ["--outcome", outcome]
    if when is not None:
        args += ["--date", when]
    if follow_up is not None:
        args += ["--follow-up", follow_up]
    with fresh_dir() as data_dir:
        result = invoke(data_dir, args)
        assert_clean(result, args)
        if result.exit_code == 2:
            assert not (data_dir / "rebound.json").exists()
            return
        listed = invoke(data_dir, ["interview", "list", "--json"])
        assert_clean(listed, ["interview", "list", "--json"])
        if not asks_for_help(args):
            (application,) = json.loads(listed.stdout)
            assert len(application["rounds"]) == 1


_VOCAB = [
    "checkin",
    "add",
    "interview",
    "list",
    "update",
    "status",
    "tip",
    "--json",
    "--note",
    "--feel",
    "--did",
    "--date",
    "--energy",
    "--company",
    "--role",
    "--stage",
    "--outcome",
    "--situation",
    "--status",
    "--rate",
    "--factor",
    "examples=4",
    "4",
    "9",
]


@FUZZ
@given(st.lists(st.one_of(st.sampled_from(_VOCAB), nasty_text), min_size=1, max_size=8))
def test_any_argument_soup_ends_in_0_or_2(args: list[str]) -> None:
    """Random sequences of real command words, options and junk never end in a traceback."""
    with fresh_dir() as data_dir:
        result = invoke(data_dir, args)
        assert_clean(result, args)


# ----------------------------------------------------------------------------- damaged data files


def _is_store_shaped(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
        for table in value.values()
    )


def _parses_as_store(payload: bytes) -> bool:
    try:
        return _is_store_shaped(json.loads(payload))
    except ValueError:
        return False


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)

random_bytes = st.binary(max_size=2_000).filter(lambda b: not _parses_as_store(b))
wrong_shape = json_values.filter(lambda v: not _is_store_shaped(v)).map(lambda v: json.dumps(v).encode())
future_schema = st.one_of(
    st.integers(min_value=SCHEMA_VERSION + 1, max_value=10**12),
    st.integers(max_value=-1),
    st.sampled_from(["1", "2", 1.5, None, [], {}]),
).map(lambda version: json.dumps({"_meta": {"schema": {"version": version}}, "checkins": {}}).encode())

COMMANDS = [["status"], ["checkin", "4"], ["interview", "list"]]


@FUZZ
@given(payload=st.one_of(random_bytes, wrong_shape, future_schema))
@example(payload=b"")
@example(payload=b"\xff\xfe\x00garbage")
@example(payload=b'{"checkins": []}')
@example(payload=b'{"_meta": {"schema": {"version": 99}}}')
@example(payload=b"[1, 2, 3]")
def test_damaged_file_is_refused_and_left_untouched(payload: bytes) -> None:
    """status, checkin 4 and interview list each exit 2 with one line and leave the file byte-identical."""
    with fresh_dir() as data_dir:
        data_dir.mkdir(mode=0o700)
        path = data_dir / "rebound.json"
        path.write_bytes(payload)
        for args in COMMANDS:
            result = invoke(data_dir, args)
            assert_clean(result, args)
            assert result.exit_code == 2, (args, payload[:80], result.output[-300:])
            assert str(path) in result.stderr or "schema" in result.stderr, result.stderr
            assert path.read_bytes() == payload, args
