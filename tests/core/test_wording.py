"""Unit tests for rebound_tui.core.wording: the words around figures and after a setback."""

from __future__ import annotations

import re
from datetime import date

import pytest

from rebound_tui.core.metrics import StageDip
from rebound_tui.core.models import Outcome, Stage
from rebound_tui.core.patterns import dip_line
from rebound_tui.core.wording import (
    NO_FIGURE,
    days_word,
    human_day,
    mood_change,
    setback_message,
    table_day,
)

TODAY = date(2026, 11, 28)  # a Saturday
SHAMING = re.compile(r"\b(fail\w*|broke\w*|lost|los(e|ing)|miss(ed|ing)?|behind|should have)\b", re.I)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0 days"),
        (1, "1 day"),
        (2, "2 days"),
        (1_000_000, "1,000,000 days"),
        (1.0, "1 day"),
        (2.5, "2.5 days"),
        (3.0, "3 days"),
        (0.5, "0.5 days"),
        (None, "–"),
    ],
)
def test_days_word(value: float | None, expected: str) -> None:
    """A count of days in words: singular only for exactly one, whole numbers without '.0' or 'e+',
    thousands separated ('days', never 'd': the narrow 'N d' form is gone)."""
    assert days_word(value) == expected


def test_days_word_without_a_figure() -> None:
    """Where there is no figure the en dash stands, or whatever the caller asks for."""
    assert days_word(None) == NO_FIGURE == "–"
    assert days_word(None, missing="not yet") == "not yet"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 11, 27), "Fri 27 Nov"),
        (date(2026, 11, 3), "Tue  3 Nov"),
        (date(2026, 1, 1), "Thu  1 Jan"),
        (date(2025, 12, 31), "2025-12-31"),
        (date(2027, 1, 2), "2027-01-02"),
    ],
)
def test_table_day(day: date, expected: str) -> None:
    """This year's days by weekday, padded day and month (a column lines up); other years in ISO."""
    assert table_day(day, TODAY) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (TODAY, "today"),
        (date(2026, 11, 27), "yesterday"),
        (date(2026, 11, 29), "tomorrow"),
        (date(2026, 11, 26), "Thu 26 Nov"),
        (date(2026, 11, 30), "Mon 30 Nov"),
        (date(2026, 11, 3), "Tue 3 Nov"),
        (date(2025, 11, 28), "Fri 28 Nov 2025"),
        (date(2027, 1, 2), "Sat 2 Jan 2027"),
    ],
)
def test_human_day(day: date, expected: str) -> None:
    """Today, yesterday and tomorrow by name; other days by weekday, with the year when it is not this one."""
    assert human_day(day, TODAY) == expected


@pytest.mark.parametrize(
    ("dip", "expected"),
    [
        (0.0, "about the same as before"),
        (0.049, "about the same as before"),
        (-0.049, "about the same as before"),
        (0.05, "0.1 lower than before"),
        (-0.05, "0.1 higher than before"),
        (0.3, "0.3 lower than before"),
        (-0.2857, "0.3 higher than before"),
        (1.26, "1.3 lower than before"),
        (-2.0, "2.0 higher than before"),
    ],
)
def test_mood_change(dip: float, expected: str) -> None:
    """A positive dip is a lower mood, a negative one a higher mood; under 0.05 either way is the same."""
    assert mood_change(dip) == expected


def test_dip_line_uses_the_same_words() -> None:
    """The Resilience line names the stage and the count and says 'higher'/'lower than before'."""
    line = dip_line(StageDip(stage=Stage.PHONE_SCREEN, setbacks=2, mean_dip=-0.3))
    assert line == (
        "After 2 setbacks at the phone screen stage, your mood over the next week was 0.3 higher than "
        "before on average."
    )
    assert mood_change(0.42) in dip_line(StageDip(stage=Stage.ONSITE, setbacks=1, mean_dip=0.42))


class TestSetbackMessage:
    def test_the_words_are_kept_as_they_were(self) -> None:
        """The three messages word for word, as the app and the command line said them before."""
        assert setback_message(Outcome.REJECTED, "Acme", in_app=True) == (
            "A 'no' from Acme is one match at one moment, not a measure of your worth. "
            "Many reasons sit where you can't see them. Let yourself feel it; then, when you are "
            "ready, keep what this round taught you."
        )
        assert setback_message(Outcome.REJECTED) == (
            "A 'no' is one match at one moment, not a verdict on you. Be gentle with yourself today; "
            "when you're ready, open rebound-tui to reflect on what went well."
        )
        assert setback_message(Outcome.GHOSTED) == (
            "Silence says more about their process than about you. When you're ready, "
            "open rebound-tui to reflect on what went well."
        )

    def test_command_line_rejection(self) -> None:
        """On the command line a rejection is one match, not a verdict, and points to the app to reflect."""
        text = setback_message(Outcome.REJECTED)
        assert text.startswith("A 'no' is one match at one moment, not a verdict on you.")
        assert "open rebound-tui to reflect" in text

    def test_command_line_ghosting(self) -> None:
        """A ghosting is about their process, not about you."""
        text = setback_message(Outcome.GHOSTED)
        assert text.startswith("Silence says more about their process than about you.")
        assert text != setback_message(Outcome.REJECTED)

    def test_in_the_app_the_company_is_named(self) -> None:
        """The app's dialog names the company, or 'them' when the application is gone."""
        assert setback_message(Outcome.REJECTED, "Acme", in_app=True).startswith(
            "A 'no' from Acme is one match"
        )
        assert setback_message(Outcome.REJECTED, None, in_app=True).startswith("A 'no' from them is")
        assert "open rebound-tui" not in setback_message(Outcome.GHOSTED, "Acme", in_app=True)

    @pytest.mark.parametrize("outcome", [Outcome.REJECTED, Outcome.GHOSTED])
    @pytest.mark.parametrize("in_app", [True, False])
    def test_never_shaming(self, outcome: Outcome, in_app: bool) -> None:
        """No wording of the message blames, shames or speaks of loss."""
        assert not SHAMING.search(setback_message(outcome, "Acme", in_app=in_app))
