"""`rebound-tui review`: every format with the seeded week's hand-computed figures, privacy, files, notes."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from rebound_tui.cli.context import Env
from rebound_tui.cli.main import cli
from rebound_tui.storage.store import Store
from tests.review_seed import (
    CONTACT,
    FEELING,
    KEEP,
    LESSON,
    LINK,
    NOTE,
    NOW,
    TRY,
    seeded_week,
)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    store = Store(folder, clock=lambda: NOW)
    snap = seeded_week()
    store.add_many([*snap.checkins, *snap.applications, *snap.rounds, *snap.rest_days, *snap.week_notes])
    return folder


def _run(data: Path, *args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(
        cli, ["review", *args], obj=Env(data_dir=str(data), clock=lambda: NOW), input=stdin
    )


def _ok(data: Path, *args: str) -> str:
    result = _run(data, *args)
    assert result.exit_code == 0, result.output
    return result.stdout


class TestFormats:
    def test_text(self, data: Path) -> None:
        """The seeded week's figures in words: 4 days, 5 actions against 2, back in 2 days."""
        out = _ok(data, "--week", "last week")
        for line in (
            "Your week: Mon 16 Nov – Sun 22 Nov 2026",
            "You checked in on 4 days (5 check-ins).",
            "Your days ranged from okay (2.5) to great (5), good (3.9) on average.",
            "5 job-search actions that week: your target of 2 (lowered from 3 for the rest days) is met.",
            "Interview rounds: 2",
            "  - Phone screen at Globex (SRE): rejected on Tue 17 Nov. Your next step came 1 day later. "
            "Your mood was back at its usual level in 2 days.",
            f"      {LESSON}",
        ):
            assert line in out.splitlines(), line

    def test_markdown(self, data: Path) -> None:
        """Headings and lists a coach can read; what was left out is said at the end."""
        md = _ok(data, "--week", "Nov 18", "--format", "md")
        assert md.startswith("# Your week: Mon 16 Nov – Sun 22 Nov 2026\n")
        assert "## How the days felt\n\nYou checked in on 4 days (5 check-ins).\n" in md
        assert f"- Acme, Backend engineer (Thu 19 Nov); link: {LINK}; contact: {CONTACT}" in md
        assert "Left out of this report: check-in notes, feelings." in md

    def test_json(self, data: Path) -> None:
        """Numbers a script can read: 5 actions, target 2, mean mood 3.875, rebound 2 days."""
        out = json.loads(_ok(data, "--week", "2026-11-16", "-f", "json"))
        assert out["period"] == {
            "start": "2026-11-16",
            "end": "2026-11-22",
            "week": True,
            "through": "2026-11-22",
            "so_far": False,
            "rest_days": 3,
            "paused": False,
            "empty": False,
        }
        assert (out["done"]["actions"], out["done"]["target"], out["done"]["weekly_target"]) == (5, 2, 3)
        assert out["moods"] == {
            "checkins": 5,
            "days_checked_in": 4,
            "lowest": 2.5,
            "highest": 5,
            "mean": 3.875,
        }
        (setback,) = out["setbacks"]
        assert (setback["bounce_back_days"], setback["rebound_days"], setback["company"]) == (1, 2, "Globex")
        assert out["planned"]["keep"] == KEEP and out["coming"] is None

    def test_a_span(self, data: Path) -> None:
        """--since/--until look back on those days; the weekly target is named, not held against them."""
        out = json.loads(_ok(data, "--since", "Nov 9", "--until", "Nov 22", "-f", "json"))
        assert (out["done"]["actions"], out["done"]["target"], out["period"]["week"]) == (6, 5, False)

    def test_this_week_so_far_is_kind_when_empty(self, data: Path) -> None:
        """This week (from Mon 23 Nov) holds nothing yet: said kindly, with how to write the note."""
        out = _ok(data)
        assert "Your week: Mon 23 Nov – Sun 29 Nov 2026 (so far)" in out
        assert "Nothing logged yet this week, and that is allowed." in out
        assert "rebound-tui review --keep" in out
        assert " 0 of " not in out


class TestPrivacy:
    SEEDED = {
        "notes": [NOTE],
        "feelings": [FEELING],
        "companies": ["Globex", "Acme", "Hooli", "Backend engineer", "SRE"],
        "lessons": [LESSON, KEEP, TRY],
        "contacts": [CONTACT],
        "links": [LINK],
    }

    @pytest.mark.parametrize("fmt", ["text", "md", "json"])
    def test_defaults(self, data: Path, fmt: str) -> None:
        """By default: companies, lessons, contacts and links in; notes and feelings out."""
        out = _ok(data, "--week", "last week", "-f", fmt)
        for kind in ("companies", "lessons", "contacts", "links"):
            for secret in self.SEEDED[kind]:
                assert secret in out, (fmt, secret)
        assert NOTE not in out and FEELING not in out and "disappointed" not in out

    @pytest.mark.parametrize("fmt", ["text", "md", "json"])
    def test_with_options_they_come_in(self, data: Path, fmt: str) -> None:
        """--with-notes and --with-feelings add them."""
        out = _ok(data, "--week", "last week", "-f", fmt, "--with-notes", "--with-feelings")
        assert NOTE in out and FEELING in out

    @pytest.mark.parametrize("fmt", ["text", "md", "json"])
    @pytest.mark.parametrize("option", ["companies", "lessons", "contacts", "links"])
    def test_each_no_option_leaves_its_text_out(self, data: Path, fmt: str, option: str) -> None:
        """Each --no-X takes every seeded string of its kind out of the output; the rest stays."""
        out = _ok(data, "--week", "last week", "-f", fmt, f"--no-{option}")
        for secret in self.SEEDED[option]:
            assert secret not in out, (fmt, option, secret)
        if option != "lessons":
            assert LESSON in out
        if option != "companies":
            assert "Globex" in out


class TestFiles:
    def test_written_private_and_never_over_a_file(self, data: Path, tmp_path: Path) -> None:
        """-o writes 0600; a second time needs --force; a link is never followed."""
        target = tmp_path / "week.md"
        first = _run(data, "--week", "last week", "-f", "md", "-o", str(target))
        assert first.exit_code == 0, first.output
        assert "Wrote the review of Mon 16 Nov – Sun 22 Nov 2026 to" in first.stdout
        assert "Left out: check-in notes, feelings." in first.stdout
        assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
        assert target.read_text().startswith("# Your week")
        again = _run(data, "--week", "last week", "-o", str(target))
        assert again.exit_code == 2 and "add --force" in again.stderr
        assert target.read_text().startswith("# Your week")
        assert _run(data, "--week", "last week", "-o", str(target), "--force").exit_code == 0
        assert target.read_text().startswith("Your week")
        link = tmp_path / "link.md"
        link.symlink_to(tmp_path / "elsewhere.md")
        refused = _run(data, "-o", str(link), "--force")
        assert refused.exit_code == 2 and "symbolic link" in refused.stderr
        assert not (tmp_path / "elsewhere.md").exists()

    def test_never_into_the_data_folder(self, data: Path) -> None:
        """-o into the data folder is refused before anything is written."""
        refused = _run(data, "-o", str(data / "rebound.json"), "--force")
        assert refused.exit_code == 2 and "data folder" in refused.stderr

    def test_user_text_is_sanitised(self, tmp_path: Path) -> None:
        """An escape sequence in a lesson never reaches the terminal; Markdown in it stays text."""
        from rebound_tui.core.models import Application, Round

        store = Store(tmp_path / "d", clock=lambda: NOW)
        app = Application.new("Evil [x](http://e)", "Role", now=NOW)
        rnd = Round.new(app.id, "technical", when=NOW, lesson="\x1b]52;c;AAAA\x07 # Heading", now=NOW)
        store.add_many([app, rnd])
        for fmt in ("text", "md", "json"):
            out = _ok(tmp_path / "d", "-f", fmt)
            assert "\x1b" not in out and "\x07" not in out
        md = _ok(tmp_path / "d", "-f", "md")
        assert r"Evil \[x\](http://e)" in md and r"\# Heading" in md


class TestNotes:
    def test_keep_and_try_for_the_coming_week(self, data: Path) -> None:
        """--keep/--try save the note for the week after the one reviewed; that week's review shows it."""
        saved = _run(data, "--keep", "morning walks", "--try", "one coffee chat")
        assert saved.exit_code == 0, saved.output
        assert "Saved for the week of Mon 30 Nov: keep: morning walks; try: one coffee chat." in saved.stdout
        (note,) = [n for n in Store(data).snapshot().week_notes if n.keep == "morning walks"]
        assert note.week.isoformat() == "2026-11-30"
        last_week = _run(data, "--week", "last week", "--keep", "KEEP-2")
        assert last_week.exit_code == 0
        shown = _ok(data)
        assert "What you planned for this week" in shown and "KEEP-2" in shown

    def test_stdin(self, data: Path) -> None:
        """'-' reads the text from standard input."""
        assert _run(data, "--try", "-", stdin="from stdin\n").exit_code == 0
        assert any(n.try_next.strip() == "from stdin" for n in Store(data).snapshot().week_notes)

    def test_notes_need_a_week(self, data: Path) -> None:
        """A span has no 'coming week': refused in one line, nothing written."""
        before = (data / "rebound.json").read_bytes()
        result = _run(data, "--since", "Nov 1", "--keep", "x")
        assert result.exit_code == 2 and "belong to a week" in result.stderr
        assert (data / "rebound.json").read_bytes() == before


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--week", "someday"], "could not read --week 'someday'"),
        (["--week", "next week"], "have not come yet"),
        (["--since", "Nov 10", "--until", "Nov 1"], "is after --until"),
        (["--week", "Nov 1", "--since", "Nov 1"], "either --week or --since"),
        (["--format", "pdf"], "Invalid value for '--format'"),
        (["--keep", "   "], "one thing to keep"),
    ],
)
def test_bad_input_is_one_line(data: Path, args: list[str], words: str) -> None:
    """Each bad input: one line on stderr naming the problem, exit status 2, nothing written."""
    before = (data / "rebound.json").read_bytes()
    result = _run(data, *args)
    assert result.exit_code == 2
    assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert (data / "rebound.json").read_bytes() == before
