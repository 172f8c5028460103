"""Tests for the Markdown journal export."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from rebound_tui.core.models import Application, CheckIn, RestDay, Round, Stage, WeekNote
from tests.storage.interop_support import TZ, invoke, store_at


def test_markdown_journal_goes_month_by_month(tmp_path: Path) -> None:
    """The md export has a heading per month in order, check-ins with feelings and notes, reflections."""
    store = store_at(tmp_path / "a")
    oct_day = datetime(2026, 10, 30, 20, 15, tzinfo=TZ)
    nov_day = datetime(2026, 11, 2, 8, 5, tzinfo=TZ)
    app = Application.new("Acme Cloud", "SRE", now=oct_day)
    rnd = Round.new(
        app.id,
        Stage.TECHNICAL,
        when=nov_day + timedelta(hours=6),
        outcome="rejected",
        now=nov_day,
        ratings={"examples": 4},
        went_well="Clear story about the migration.",
        lesson="Ask about the team first.\nThen the stack.",
        factors=("internal-candidate",),
    )
    store.add_many(
        [
            CheckIn.new(2, timestamp=oct_day, feelings=["disappointed"], note="Rough one.", now=oct_day),
            CheckIn.new(
                4, timestamp=nov_day, energy=3, activities=["applied"], note="Better.\nTwo apps.", now=nov_day
            ),
            app,
            rnd,
        ]
    )
    result = invoke(tmp_path / "a", "export", "-f", "md")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("# rebound-tui journal\n")
    assert text.index("## October 2026") < text.index("## November 2026")
    assert "### Friday 30 October" in text and "### Monday 2 November" in text
    assert "- **20:15** check-in: low (2/5)" in text
    assert "  - Feelings: disappointed" in text
    assert "  > Rough one." in text
    assert "check-in: good (4/5), energy steady (3/5)" in text
    assert "  > Better.\n  > Two apps." in text
    assert "- **14:05** interview: technical at Acme Cloud (SRE), rejected" in text
    assert "  - Self-ratings: concrete examples 4/5" in text
    assert "  - Outside my control: internal candidate" in text
    assert "    > Clear story about the migration." in text
    assert "    > Ask about the team first.\n    > Then the stack." in text


def test_markdown_of_an_empty_store_says_so(tmp_path: Path) -> None:
    """An empty store exports a short, kind journal rather than nothing."""
    result = invoke(tmp_path / "a", "export", "-f", "md")
    assert result.exit_code == 0
    assert result.stdout == "# rebound-tui journal\n\nNothing logged yet.\n"


def test_markdown_journal_keeps_the_week_notes(tmp_path: Path) -> None:
    """A week note (keep, try) opens the month of its week, quoted like every text a person wrote,
    after that month's pauses; a note with nothing written is left out."""
    store = store_at(tmp_path / "a")
    moment = datetime(2026, 11, 2, 8, 5, tzinfo=TZ)
    store.add_many(
        [
            CheckIn.new(3, timestamp=moment, now=moment),
            RestDay.new(date(2026, 11, 5), date(2026, 11, 6), now=moment),
            WeekNote.new(
                week=date(2026, 11, 9),
                keep="Morning walks.",
                try_next="One coffee chat.\nAsk Sam.",
                now=moment,
            ),
            WeekNote.new(week=date(2026, 11, 16), now=moment),
        ]
    )
    result = invoke(tmp_path / "a", "export", "-f", "md")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert (
        "## November 2026\n\n- Pause from Thu 05 Nov to Fri 06 Nov 2026\n\n"
        "- For the week of Mon 09 Nov 2026:\n  - To keep:\n\n    > Morning walks.\n\n"
        "  - To try:\n\n    > One coffee chat.\n    > Ask Sam.\n\n### Monday 2 November"
    ) in text
    assert "week of Mon 16 Nov" not in text
