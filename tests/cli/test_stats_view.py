"""Tests for rebound_tui.cli.stats_view: the Rich tables of ``rebound-tui stats`` and its JSON."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import uuid
from datetime import date, datetime, time, timedelta, timezone

import pytest
from rich.console import Console

from rebound_tui.cli.stats_view import render_stats, report_json, stats_json
from rebound_tui.core.metrics import compute_all
from rebound_tui.core.models import CheckIn, RestDay, Snapshot
from rebound_tui.core.sample_data import generate

TODAY = date(2026, 11, 27)
TZ = timezone(timedelta(hours=1))
SHAMING = re.compile(
    r"\b(fail\w*|broke\w*|lost|los(e|ing)|miss(ed|ing)?|behind|should have)\b", re.IGNORECASE
)


def _moment(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), TZ)


def _checkin(day: date, mood: int = 3, did: tuple[str, ...] = ()) -> CheckIn:
    m = _moment(day)
    return CheckIn(id=str(uuid.uuid4()), created=m, updated=m, timestamp=m, mood=mood, activities=did)


@pytest.fixture(scope="module")
def sample() -> Snapshot:
    return generate(days=120, rounds=30, end=TODAY)


def _render(snapshot: Snapshot, today: date = TODAY, width: int = 100, no_color: bool = False) -> str:
    console = Console(record=True, width=width, file=io.StringIO(), no_color=no_color)
    render_stats(snapshot, today, console)
    return console.export_text()


class TestRender:
    def test_all_sections(self, sample: Snapshot) -> None:
        """Every section of the issue is there, with the streak figure from the metrics."""
        text = _render(sample)
        for heading in (
            "Check-ins",
            "Momentum",
            "Resilience score",
            "Bouncing back after a no",
            "Growth in your self-ratings",
            "How far applications got",
            "Patterns",
        ):
            assert heading in text
        report = compute_all(sample, TODAY)
        assert re.search(rf"Days in a row\s+│\s+{report.streak.current}\s+│", text)
        assert f"{report.score.value:.0f}" in text
        for dimension in ("concrete examples", "strengths made clear", "questions asked", "confidence"):
            assert dimension in text

    def test_stage_rows(self, sample: Snapshot) -> None:
        """Each stage with setbacks has a row with its count and median rebound."""
        text = _render(sample)
        for item in compute_all(sample, TODAY).rebound_by_stage:
            label = item.stage.label[:1].upper() + item.stage.label[1:]
            assert re.search(rf"│ {re.escape(label)}\s+│\s+{item.setbacks}\s+│", text), label

    def test_empty_data_is_welcoming(self) -> None:
        """No records at all: zeros, a fresh-start line and no setback table, nothing raises."""
        text = _render(Snapshot())
        assert "A fresh run starts with your next check-in." in text
        assert "No rejections or ghostings logged." in text
        assert "Mood in the week after a no" not in text
        assert "No ratings for confidence yet." in text

    def test_open_day_wording(self) -> None:
        """Checked in yesterday, not yet today: the run is described as waiting, not at risk."""
        text = _render(Snapshot(checkins=(_checkin(TODAY - timedelta(days=1)),)))
        assert "Today's check-in is still open; your run is waiting for you." in text

    def test_rest_days_lower_this_weeks_target(self) -> None:
        """Rest on Thu-Sun of this week (Mon 23 Nov): 3 active days, target ceil(3*3/7) = 2 is shown."""
        m = _moment(TODAY)
        pause = RestDay(
            id=str(uuid.uuid4()), created=m, updated=m, start=date(2026, 11, 26), end=date(2026, 11, 29)
        )
        text = _render(Snapshot(rest_days=(pause,)))
        assert "0 of 2 job-search actions" in text
        assert "3 a week (2 this week, with rest days)" in text

    def test_week_of_rest(self) -> None:
        """A pause over the whole of this week: the week asks for nothing, and says so."""
        m = _moment(TODAY)
        pause = RestDay(
            id=str(uuid.uuid4()), created=m, updated=m, start=date(2026, 11, 23), end=date(2026, 11, 29)
        )
        assert "a week of rest: nothing asked" in _render(Snapshot(rest_days=(pause,)))

    def test_never_shaming(self, sample: Snapshot) -> None:
        """No 'failed', 'broken', 'lost' or 'missed' anywhere, with data or without."""
        for snapshot in (sample, Snapshot(), Snapshot(checkins=(_checkin(TODAY - timedelta(days=5)),))):
            text = _render(snapshot)
            assert not SHAMING.search(text), SHAMING.search(text)

    def test_fits_80_columns_without_colour(self, sample: Snapshot) -> None:
        """At 80 columns with NO_COLOR every line fits and the text is the same words."""
        text = _render(sample, width=80, no_color=True)
        assert max(len(line) for line in text.splitlines()) <= 80
        assert "Resilience score" in text


class TestJson:
    def test_round_trips_and_matches_the_report(self, sample: Snapshot) -> None:
        """The dict survives json.dumps and carries the same figures as compute_all."""
        data = json.loads(json.dumps(stats_json(sample, TODAY)))
        report = compute_all(sample, TODAY)
        assert data["today"] == "2026-11-27"
        assert data["streak"] == {
            "current": report.streak.current,
            "longest": report.streak.longest,
            "total_days": report.streak.total_days,
            "today_done": True,
            "last_day": "2026-11-27",
        }
        assert data["momentum"]["weeks"] == report.momentum.weeks
        assert data["momentum"]["week_start"] == "2026-11-23"
        assert data["score"]["value"] == round(report.score.value, 1)
        assert len(data["setbacks"]) == len(report.setbacks)
        assert [g["dimension"] for g in data["growth"]] == [
            "examples",
            "strengths",
            "questions",
            "confidence",
        ]
        assert len(data["mood_30"]) == 30
        first = data["setbacks"][0]
        assert first["day"] == report.setbacks[0].day.isoformat()
        assert first["stage"] == report.setbacks[0].stage.value
        assert data["rebound"]["trend"]["direction"] == report.rebound_trend.direction

    def test_empty_uses_none_for_n_a(self) -> None:
        """With no data: None where a figure does not apply, empty lists, zeros for counts."""
        data = stats_json(Snapshot(), TODAY)
        assert data["streak"]["last_day"] is None
        assert data["score"] == {
            "value": 0.0,
            "as_of": None,
            "days": 0,
            "last_parts": None,
            "recent": [],
            "trend": "new",
        }
        assert data["rebound"]["median_rebound_days"] is None
        assert data["rebound"]["trend"] == {"direction": "not-enough-data", "slope": None, "days": []}
        assert data["setbacks"] == [] and data["insights"]["mood_dip_by_stage"] == []
        assert data["mood_30"] == [None] * 30
        assert data["insights"]["habits"][0]["with_share"] is None

    def test_report_json_is_stats_json(self, sample: Snapshot) -> None:
        """report_json(compute_all(...)) is what stats_json gives, for callers that hold a Report."""
        assert report_json(compute_all(sample, TODAY)) == stats_json(sample, TODAY)

    def test_json_path_does_not_import_rich(self) -> None:
        """stats --json stays quick: building the JSON never imports Rich."""
        code = (
            "import sys, datetime; from rebound_tui.core.models import Snapshot; "
            "from rebound_tui.cli.stats_view import stats_json; "
            "stats_json(Snapshot(), datetime.date(2026, 1, 1)); "
            "print('rich' in sys.modules)"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert out.stdout.strip() == "False"
