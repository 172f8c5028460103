"""Tests for ``checkin list|edit|delete``, ``interview delete`` and ``forget --everything``.

The commands run in-process with ``CliRunner`` against a data folder in
tmp_path and a clock frozen at Saturday 2026-11-28 10:30 (+01:00). The records
get hand-picked ids, so the id prefixes (unique, shared, unknown) are known.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from rebound_tui.cli.context import Env
from rebound_tui.cli.doctor import FORGET_PHRASE
from rebound_tui.cli.history import unique_prefix_length
from rebound_tui.cli.main import cli
from rebound_tui.core.models import Application, CheckIn, Outcome, Round, Stage
from rebound_tui.storage.store import Store

TZ = timezone(timedelta(hours=1))
FIXED = datetime(2026, 11, 28, 10, 30, tzinfo=TZ)

SAT = "aaaa1111-0000-4000-8000-000000000001"
MON = "aaaa2222-0000-4000-8000-000000000002"
WED = "bbbb0000-0000-4000-8000-000000000003"
FRI = "cccc0000-0000-4000-8000-000000000004"
ROUND_A = "dddd1111-0000-4000-8000-000000000005"
ROUND_B = "dddd2222-0000-4000-8000-000000000006"
APP = "eeee0000-0000-4000-8000-000000000007"


def _at(day: int, hour: int) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=TZ)


def _checkin(record_id: str, day: int, hour: int, mood: int, **extra: object) -> CheckIn:
    moment = _at(day, hour)
    return CheckIn(id=record_id, created=moment, updated=moment, timestamp=moment, mood=mood, **extra)  # type: ignore[arg-type]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Store:
    store = Store(data_dir, clock=lambda: FIXED)
    app = Application(id=APP, created=_at(20, 9), updated=_at(20, 9), company="Acme Cloud", role="SRE")
    rounds = [
        Round(
            id=rid,
            created=_at(day, 15),
            updated=_at(day, 15),
            application_id=APP,
            when=_at(day, 14),
            stage=stage,
        )
        for rid, day, stage in ((ROUND_A, 24, Stage.PHONE_SCREEN), (ROUND_B, 26, Stage.TECHNICAL))
    ]
    store.add_many(
        [
            _checkin(SAT, 21, 9, 2, feelings=("tired",), note="Long walk helped."),
            _checkin(
                MON, 23, 10, 4, feelings=("hopeful",), activities=("applied",), note="Sent two applications."
            ),
            _checkin(WED, 25, 19, 5, feelings=("proud", "calm"), activities=("interviewed",)),
            _checkin(
                FRI, 27, 12, 1, feelings=("disappointed",), note="A no from [bold]Fernway[/]\nstill here"
            ),
            app,
            *rounds,
        ]
    )
    return store


def run(data_dir: Path, *args: str, input: str | None = None) -> Result:
    env = Env(data_dir=str(data_dir), clock=lambda: FIXED)
    return CliRunner().invoke(cli, list(args), obj=env, input=input, prog_name="rebound-tui")


def ok(data_dir: Path, *args: str, input: str | None = None) -> str:
    result = run(data_dir, *args, input=input)
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    assert result.stderr == ""
    return result.stdout


def one_line_error(result: Result, *fragments: str) -> str:
    """Exit status 2, one line on stderr holding every fragment, no traceback."""
    assert result.exit_code == 2, (result.stdout, result.stderr, result.exception)
    assert result.stderr.endswith("\n") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr
    return result.stderr


def _listed(data_dir: Path, *args: str) -> list[str]:
    """The short ids ``checkin list`` prints for these options, in its order."""
    return [line.split()[0] for line in ok(data_dir, "checkin", "list", *args).splitlines()]


def fresh(store: Store) -> Store:
    """Another Store on the same folder: what a later command would read."""
    return Store(store.data_dir, clock=lambda: FIXED)


# --------------------------------------------------------------------------- checkin list


class TestList:
    def test_newest_first_with_short_ids(self, store: Store, data_dir: Path) -> None:
        """One line per check-in, newest first: short id, moment, mood, tags and the note on one line."""
        lines = ok(data_dir, "checkin", "list").splitlines()
        assert [line.split()[0] for line in lines] == [FRI[:8], WED[:8], MON[:8], SAT[:8]]
        assert lines[1] == f"{WED[:8]}  2026-11-25 19:00  5 great  proud, calm | did interviewed"
        assert lines[2].endswith("hopeful | did applied  - Sent two applications.")
        # The note's markup is printed as typed and its line break is folded, so one record stays one line.
        assert lines[0].endswith("- A no from [bold]Fernway[/] still here")

    def test_ids_grow_until_they_are_unique(self, store: Store, data_dir: Path) -> None:
        """Ids sharing their first eight characters are shown long enough to tell apart."""
        twin = "cccc0000-0000-4000-8000-0000000000ff"
        store.add(_checkin(twin, 26, 8, 3))
        lines = ok(data_dir, "checkin", "list").splitlines()
        shown = [line.split()[0] for line in lines]
        assert FRI[:35] in shown and twin[:35] in shown
        assert unique_prefix_length([FRI, twin]) == 35

    def test_since_and_until(self, store: Store, data_dir: Path) -> None:
        """--since and --until keep the days between them, both included, in any form dates accepts."""
        out = ok(data_dir, "checkin", "list", "--since", "2026-11-23", "--until", "Nov 25")
        assert [line.split()[0] for line in out.splitlines()] == [WED[:8], MON[:8]]
        out = ok(data_dir, "checkin", "list", "--since", "3 days ago")
        assert [line.split()[0] for line in out.splitlines()] == [FRI[:8], WED[:8]]

    def test_search(self, store: Store, data_dir: Path) -> None:
        """--search looks in notes, feelings and activities, ignoring case."""
        out = ok(data_dir, "checkin", "list", "--search", "WALK")
        assert [line.split()[0] for line in out.splitlines()] == [SAT[:8]]
        out = ok(data_dir, "checkin", "list", "-s", "interviewed")
        assert [line.split()[0] for line in out.splitlines()] == [WED[:8]]
        assert ok(data_dir, "checkin", "list", "-s", "nothing like this") == "No check-ins match.\n"

    def test_json(self, store: Store, data_dir: Path) -> None:
        """--json gives full records, newest first, filtered the same way."""
        out = ok(data_dir, "checkin", "list", "--json", "--until", "Nov 23")
        records = json.loads(out)
        assert [r["id"] for r in records] == [MON, SAT]
        assert records[0]["mood"] == 4 and records[0]["feelings"] == ["hopeful"]
        assert records[0]["timestamp"] == "2026-11-23T10:00:00+01:00"

    def test_deleted_checkins_are_not_listed(self, store: Store, data_dir: Path) -> None:
        """A deleted check-in is gone from the list and the JSON, though its tombstone is kept."""
        store.delete(CheckIn, MON)
        assert MON[:8] not in ok(data_dir, "checkin", "list")
        assert MON not in ok(data_dir, "checkin", "list", "--json")
        assert [t.id for t in fresh(store).snapshot().tombstones] == [MON]

    def test_empty(self, data_dir: Path) -> None:
        """With no data the list says how to start, and nothing is created."""
        assert "No check-ins yet" in ok(data_dir, "checkin", "list")
        assert not data_dir.exists()

    def test_bad_dates(self, store: Store, data_dir: Path) -> None:
        """An unreadable day or --since after --until is one line and exit 2."""
        one_line_error(run(data_dir, "checkin", "list", "--since", "someday"), "--since day", "someday")
        one_line_error(run(data_dir, "checkin", "list", "--until", "2026-13"), "--until day", "no month 13")
        one_line_error(
            run(data_dir, "checkin", "list", "--since", "Nov 25", "--until", "Nov 21"), "is after --until"
        )
        one_line_error(
            run(data_dir, "checkin", "list", "--dates", "the other day"), "could not read the dates"
        )
        one_line_error(
            run(data_dir, "checkin", "list", "--dates", "Nov 21 to Nov 23", "--since", "Nov 25"),
            "leave no day between 2026-11-25 and 2026-11-23",
        )

    def test_dates_read_like_history(self, store: Store, data_dir: Path) -> None:
        """--dates takes the History screen's ranges: rolling, calendar months, open and closed ranges."""
        assert _listed(data_dir, "--dates", "last 3 days") == [FRI[:8]]
        assert _listed(data_dir, "--dates", "Nov 22 to Nov 25") == [WED[:8], MON[:8]]
        assert _listed(data_dir, "--dates", "before Nov 23") == [SAT[:8]]
        assert _listed(data_dir, "--dates", "Nov") == [FRI[:8], WED[:8], MON[:8], SAT[:8]]
        assert ok(data_dir, "checkin", "list", "--dates", "October") == "No check-ins match.\n"

    def test_since_and_until_take_months_and_years(self, store: Store, data_dir: Path) -> None:
        """--since a month starts on its first day and --until a month ends on its last, as in History."""
        out = ok(data_dir, "checkin", "list", "--since", "Nov", "--until", "2026")
        assert [line.split()[0] for line in out.splitlines()] == [FRI[:8], WED[:8], MON[:8], SAT[:8]]
        assert ok(data_dir, "checkin", "list", "--until", "Oct") == "No check-ins match.\n"

    def test_since_until_and_dates_together_keep_the_days_all_allow(
        self, store: Store, data_dir: Path
    ) -> None:
        """Given together, --dates, --since and --until narrow each other."""
        out = ok(
            data_dir, "checkin", "list", "--dates", "this month", "--since", "Nov 23", "--until", "Nov 26"
        )
        assert [line.split()[0] for line in out.splitlines()] == [WED[:8], MON[:8]]

    def test_mood_and_tag(self, store: Store, data_dir: Path) -> None:
        """--mood keeps a band (low 1-2, okay 3, good 4-5); --tag a feeling or activity, every one given."""
        assert _listed(data_dir, "--mood", "low") == [FRI[:8], SAT[:8]]
        assert _listed(data_dir, "--mood", "good") == [WED[:8], MON[:8]]
        assert _listed(data_dir, "--tag", "hopeful") == [MON[:8]]
        assert _listed(data_dir, "-t", "proud", "-t", "Interviewed") == [WED[:8]]
        assert _listed(data_dir, "--tag", "proud,calm", "--mood", "good", "-s", "interv") == [WED[:8]]
        assert ok(data_dir, "checkin", "list", "--tag", "proud", "--mood", "low") == "No check-ins match.\n"

    def test_unknown_mood_band(self, store: Store, data_dir: Path) -> None:
        """A mood band that does not exist is one line naming the ones that do."""
        result = run(data_dir, "checkin", "list", "--mood", "sad")
        assert result.exit_code == 2 and "'sad' is not one of 'any', 'low', 'okay', 'good'" in result.stderr


# --------------------------------------------------------------------------- prefixes


class TestPrefixes:
    @pytest.mark.parametrize(
        "args",
        [
            ("checkin", "edit", "aaaa", "--mood", "3"),
            ("checkin", "delete", "aaaa", "-y"),
            ("interview", "delete", "dddd", "-y"),
        ],
    )
    def test_ambiguous_prefix(self, store: Store, data_dir: Path, args: tuple[str, ...]) -> None:
        """A prefix two records share is refused in one line that says so; nothing is written."""
        before = store.path.read_bytes()
        one_line_error(
            run(data_dir, *args), "2 ", f"have ids starting with '{args[2]}'", "give more of the id"
        )
        assert store.path.read_bytes() == before

    @pytest.mark.parametrize(
        "args",
        [
            ("checkin", "edit", "ffff", "--mood", "3"),
            ("checkin", "delete", "ffff", "-y"),
            ("interview", "delete", "ffff", "-y"),
            ("checkin", "delete", ROUND_A, "-y"),  # a round's id is not a check-in's
        ],
    )
    def test_unknown_id(self, store: Store, data_dir: Path, args: tuple[str, ...]) -> None:
        """An id nothing starts with is refused in one line naming it; nothing is written."""
        before = store.path.read_bytes()
        one_line_error(run(data_dir, *args), f"has an id starting with '{args[2]}'")
        assert store.path.read_bytes() == before

    def test_unique_prefix_any_length_any_case(self, store: Store, data_dir: Path) -> None:
        """A short unique prefix works, in either case, as does the full id."""
        ok(data_dir, "checkin", "edit", "BBBB", "--mood", "4")
        ok(data_dir, "checkin", "edit", SAT, "--mood", "3")
        moods = {c.id: c.mood for c in fresh(store).snapshot().checkins}
        assert (moods[WED], moods[SAT]) == (4, 3)


# --------------------------------------------------------------------------- checkin edit


class TestEdit:
    def test_mood_only(self, store: Store, data_dir: Path) -> None:
        """--mood changes only the mood; id, moment, tags and note stay; 'updated' becomes now."""
        out = ok(data_dir, "checkin", "edit", "cccc", "--mood", "good")
        assert out == f"Updated check-in {FRI[:8]}: 2026-11-27 12:00, good (4/5).\n"
        saved = next(c for c in fresh(store).snapshot().checkins if c.id == FRI)
        assert saved.mood == 4
        assert saved.timestamp == _at(27, 12) and saved.created == _at(27, 12) and saved.updated == FIXED
        assert saved.feelings == ("disappointed",) and saved.note.startswith("A no from")

    def test_every_field(self, store: Store, data_dir: Path) -> None:
        """Energy, feelings (replaced), activities, note and the moment can all be corrected at once."""
        ok(
            data_dir, "checkin", "edit", "aaaa2", "--energy", "2", "--feel", "Calm, relieved",
            "--did", "rested", "--note", "Actually a rest day.", "--date", "Nov 22 8am",
        )  # fmt: skip
        saved = next(c for c in fresh(store).snapshot().checkins if c.id == MON)
        assert (saved.energy, saved.feelings, saved.activities) == (2, ("calm", "relieved"), ("rested",))
        assert saved.note == "Actually a rest day."
        assert saved.timestamp == _at(22, 8)

    def test_clearing(self, store: Store, data_dir: Path) -> None:
        """'none' clears energy; empty values clear feelings, activities and the note."""
        ok(data_dir, "checkin", "edit", "aaaa2", "--energy", "2")
        ok(data_dir, "checkin", "edit", "aaaa2", "--energy", "none", "--feel", "", "--did", "", "--note", "")
        saved = next(c for c in fresh(store).snapshot().checkins if c.id == MON)
        assert (saved.energy, saved.feelings, saved.activities, saved.note) == (None, (), (), "")

    def test_note_from_stdin(self, store: Store, data_dir: Path) -> None:
        """--note - reads a long note from stdin."""
        ok(data_dir, "checkin", "edit", "bbbb", "--note", "-", input="line one\nline two\n")
        saved = next(c for c in fresh(store).snapshot().checkins if c.id == WED)
        assert saved.note == "line one\nline two\n"

    @pytest.mark.parametrize(
        ("args", "fragment"),
        [
            (("--mood", "9"), "mood must be from 1 to 5"),
            (("--energy", "lots"), "energy must be a whole number"),
            (("--feel", "a|b"), "may not hold commas, '|'"),
            (("--date", "tomorrow"), "is in the future"),
            ((), "nothing to change"),
        ],
    )
    def test_bad_input_writes_nothing(
        self, store: Store, data_dir: Path, args: tuple[str, ...], fragment: str
    ) -> None:
        """A bad value, or no change at all, is one line and exit 2, and the file is untouched."""
        before = store.path.read_bytes()
        one_line_error(run(data_dir, "checkin", "edit", "bbbb", *args), fragment)
        assert store.path.read_bytes() == before


# --------------------------------------------------------------------------- delete


class TestDelete:
    def test_checkin_delete_asks(self, store: Store, data_dir: Path) -> None:
        """Without -y the command describes the check-in and asks; 'n' keeps it, 'y' deletes it."""
        out = ok(data_dir, "checkin", "delete", "aaaa1", input="n\n")
        assert "Delete the check-in of 2026-11-21 09:00, low (2/5)" in out and "Nothing was deleted." in out
        assert SAT in {c.id for c in fresh(store).snapshot().checkins}
        out = ok(data_dir, "checkin", "delete", "aaaa1", input="y\n")
        assert out.rstrip().endswith(
            'Deleted the check-in of 2026-11-21 09:00, low (2/5) ("Long walk helped.").'
        )
        snap = fresh(store).snapshot()
        assert SAT not in {c.id for c in snap.checkins}
        assert [(t.id, t.kind, t.deleted) for t in snap.tombstones] == [(SAT, "checkins", FIXED)]

    def test_checkin_delete_yes(self, store: Store, data_dir: Path) -> None:
        """-y deletes without asking, and the metrics no longer count the day."""
        ok(data_dir, "checkin", "delete", "cccc", "-y")
        snap = fresh(store).snapshot()
        assert [c.id for c in snap.checkins] == [SAT, MON, WED]
        from rebound_tui.core.metrics import compute_all

        assert compute_all(snap, FIXED.date()).streak.total_days == 3

    def test_interview_delete(self, store: Store, data_dir: Path) -> None:
        """interview delete removes one round by prefix; the application and other rounds stay."""
        out = ok(data_dir, "interview", "delete", "dddd2", "-y")
        assert out == "Deleted the technical round at Acme Cloud on 2026-11-26.\n"
        snap = fresh(store).snapshot()
        assert [r.id for r in snap.rounds] == [ROUND_A]
        assert [a.id for a in snap.applications] == [APP]
        assert [(t.id, t.kind) for t in snap.tombstones] == [(ROUND_B, "rounds")]
        assert snap.rounds[0].outcome is Outcome.PENDING

    def test_interview_list_shows_the_prefix_to_delete(self, store: Store, data_dir: Path) -> None:
        """The id 'interview list' shows is one 'interview delete' accepts."""
        listing = ok(data_dir, "interview", "list")
        assert ROUND_B[:8] in listing
        ok(data_dir, "interview", "delete", ROUND_B[:8], "-y")
        assert ROUND_B[:8] not in ok(data_dir, "interview", "list")


# --------------------------------------------------------------------------- forget


class TestForget:
    def _backups(self, store: Store) -> list[Path]:
        store.backup_dir.mkdir(parents=True, exist_ok=True)
        made = []
        for day in ("2026-11-26", "2026-11-27"):
            path = store.backup_dir / f"rebound-{day}.json"
            path.write_text("{}")
            made.append(path)
        return made

    def test_needs_everything(self, store: Store, data_dir: Path) -> None:
        """Bare 'forget' refuses in one line and removes nothing."""
        one_line_error(run(data_dir, "forget"), "forget --everything")
        assert store.path.exists()

    def test_wrong_phrase_removes_nothing(self, store: Store, data_dir: Path) -> None:
        """Anything but the phrase leaves every file in place, with exit 2."""
        backups = self._backups(store)
        result = run(data_dir, "forget", "--everything", input="yes\n")
        assert result.exit_code == 2
        assert f"you did not type '{FORGET_PHRASE}'; nothing was removed" in result.stderr
        assert store.path.exists() and all(p.exists() for p in backups)

    def test_removes_data_backups_and_lock_and_names_them(self, store: Store, data_dir: Path) -> None:
        """After the phrase, the data file, each backup, the backups folder and the lock go, each named."""
        backups = self._backups(store)
        stray = data_dir / ".rebound.json.abc.tmp"
        stray.write_text("half")
        mine = data_dir / "notes.txt"  # not ours: kept
        mine.write_text("keep me")
        result = run(data_dir, "forget", "--everything", input=f"{FORGET_PHRASE}\n")
        assert result.exit_code == 0, result.stderr
        removed = result.stdout.split("Removed:\n")[1].split()
        expected = {store.path, store.good_mark, stray, *backups, store.backup_dir, store.lock_path}
        assert {Path(p) for p in removed} == expected
        for path in backups:
            assert str(path) in result.stdout.split("Removed:")[0]  # listed before asking, too
        assert not any(p.exists() for p in expected)
        assert mine.read_text() == "keep me"
        assert fresh(store).snapshot().checkins == ()

    def test_drafts_go_too(self, store: Store, data_dir: Path) -> None:
        """Drafts of every form (issue 14) are removed with the rest, even when they are all that is left."""
        from rebound_tui.storage.drafts import DraftBook

        DraftBook(data_dir).keep("reflection:abc", {"went-well": "half a thought"})
        DraftBook(data_dir).keep("checkin:new", {"note": "rough"})
        drafts = data_dir / "drafts.json"
        result = run(data_dir, "forget", "--everything", input=f"{FORGET_PHRASE}\n")
        assert result.exit_code == 0, result.stderr
        assert str(drafts) in result.stdout.split("Removed:\n")[1] and not drafts.exists()
        for path in fresh(store).own_files():
            path.unlink() if path.is_file() else None
        DraftBook(data_dir).keep("checkin:new", {"note": "again"})
        result = run(data_dir, "forget", "--everything", input=f"{FORGET_PHRASE}\n")
        assert result.exit_code == 0, result.stderr
        assert not drafts.exists()

    def test_nothing_to_forget(self, data_dir: Path) -> None:
        """With no data the command says so and asks nothing."""
        assert ok(data_dir, "forget", "--everything") == f"There is nothing to forget in {data_dir}.\n"


# --------------------------------------------------------------------------- helpers and hygiene


def test_list_imports_no_ui(store: Store, data_dir: Path) -> None:
    """'checkin list' answers without importing Textual or Rich (it is a quick path)."""
    probe = textwrap.dedent(
        """
        import sys
        from rebound_tui.cli import main as cli
        code = cli.cli.main(["--data-dir", sys.argv[1], "checkin", "list"], standalone_mode=False)
        print(code, sorted({m.split(".")[0] for m in sys.modules} & {"textual", "rich"}))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(data_dir)], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.splitlines()[-1] == "0 []"
