"""What ``rebound-tui stats`` shows: the metrics as Rich tables, or as JSON for scripts.

:func:`stats_json` needs nothing beyond the standard library, so ``stats
--json`` never pays for importing Rich; :func:`render_stats` imports Rich
when it runs. The words follow the product's tone: what was kept, never
what was lost.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from rebound_tui.core.metrics import (
    TREND_LAST,
    Growth,
    HabitInsight,
    Report,
    Setback,
    StageDip,
    StageRebound,
    compute_all,
    score_trend,
)
from rebound_tui.core.models import Snapshot
from rebound_tui.core.patterns import (
    FUNNEL_COLUMNS,
    FUNNEL_NOTE,
    NO_FUNNEL,
    REBOUND_COLUMNS,
    REBOUND_NOTES,
    funnel_rows,
    pattern_lines,
    rebound_rows,
    rebound_summary,
)
from rebound_tui.core.wording import days_word, number, score_words

if TYPE_CHECKING:
    from rich.console import Console

# --------------------------------------------------------------------------- JSON


def _num(value: float | None, places: int = 3) -> float | None:
    return None if value is None else round(value, places)


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _stage_rebound(item: StageRebound) -> dict[str, Any]:
    return {
        "stage": item.stage.value,
        "label": item.stage.label,
        "setbacks": item.setbacks,
        "recovered": item.recovered,
        "not_yet": item.not_yet,
        "too_little_data": item.too_little_data,
        "median_rebound_days": _num(item.median_rebound_days),
        "median_bounce_back_days": _num(item.median_bounce_back_days),
    }


def _setback(item: Setback) -> dict[str, Any]:
    return {
        "round_id": item.round_id,
        "application_id": item.application_id,
        "day": item.day.isoformat(),
        "stage": item.stage.value,
        "outcome": item.outcome.value,
        "bounce_back_days": item.bounce_back_days,
        "baseline": _num(item.baseline),
        "rebound_days": item.rebound_days,
        "rebound": item.rebound,
        "mood_dip": _num(item.mood_dip),
    }


def _growth(item: Growth) -> dict[str, Any]:
    return {
        "dimension": item.dimension,
        "label": item.label,
        "count": item.count,
        "mean": _num(item.mean),
        "slope": _num(item.slope, 4),
        "change": _num(item.change),
        "start": _num(item.start),
        "end": _num(item.end),
        "direction": item.direction,
        "summary": item.summary,
        "rolling": [_num(v) for v in item.rolling],
    }


def _dip(item: StageDip) -> dict[str, Any]:
    return {
        "stage": item.stage.value,
        "label": item.stage.label,
        "setbacks": item.setbacks,
        "mean_dip": _num(item.mean_dip),
    }


def _habit(item: HabitInsight) -> dict[str, Any]:
    return {
        "dimension": item.dimension,
        "label": item.label,
        "with_rounds": item.with_rounds,
        "with_advanced": item.with_advanced,
        "with_share": _num(item.with_share),
        "without_rounds": item.without_rounds,
        "without_advanced": item.without_advanced,
        "without_share": _num(item.without_share),
        "summary": item.summary,
    }


def report_json(report: Report) -> dict[str, Any]:
    """A JSON-ready dict of ``report``: numbers, None where a figure does not apply, ISO dates."""
    streak, momentum, score = report.streak, report.momentum, report.score
    parts = score.last_parts
    return {
        "today": report.today.isoformat(),
        "streak": {
            "current": streak.current,
            "longest": streak.longest,
            "total_days": streak.total_days,
            "today_done": streak.today_done,
            "last_day": _day(streak.last_day),
        },
        "momentum": {
            "weeks": momentum.weeks,
            "longest": momentum.longest,
            "this_week_actions": momentum.this_week_actions,
            "this_week_target": momentum.this_week_target,
            "target": momentum.target,
            "week_start": momentum.week_start.isoformat(),
            "this_week_met": momentum.this_week_met,
        },
        "score": {
            "value": round(score.value, 1),
            "as_of": _day(score.as_of),
            "days": score.days,
            "last_parts": None
            if parts is None
            else {"checked_in": parts[0], "acted": _num(parts[1]), "recovered": parts[2]},
            "recent": [round(v, 1) for v in score.recent],
            "trend": score_trend(score),
        },
        "rebound": {
            "median_rebound_days": _num(report.median_rebound_days),
            "median_bounce_back_days": _num(report.median_bounce_back_days),
            "trend": {
                "direction": report.rebound_trend.direction,
                "slope": _num(report.rebound_trend.slope),
                "days": list(report.rebound_trend.days),
            },
            "by_stage": [_stage_rebound(item) for item in report.rebound_by_stage],
        },
        "setbacks": [_setback(item) for item in report.setbacks],
        "growth": [_growth(item) for item in report.growth],
        "insights": {
            "mood_dip_by_stage": [_dip(item) for item in report.insights.dips],
            "habits": [_habit(item) for item in report.insights.habits],
            "patterns": pattern_lines(report),
        },
        "funnel": [
            {"stage": s.stage.value, "label": s.stage.label, "reached": s.reached, "went_on": s.went_on}
            for s in report.funnel
        ],
        "mood_30": [_num(v) for v in report.mood_30],
    }


def stats_json(snapshot: Snapshot, today: date) -> dict[str, Any]:
    """Every figure as of ``today`` as a JSON-ready dict (for ``rebound-tui stats --json``)."""
    return report_json(compute_all(snapshot, today))


# --------------------------------------------------------------------------- words


def _streak_line(report: Report) -> str:
    streak = report.streak
    if streak.current == 0:
        return "A fresh run starts with your next check-in."
    if streak.today_done:
        return "Checked in today. Nicely kept."
    return "Today's check-in is still open; your run is waiting for you."


def _trend_line(report: Report) -> str:
    trend = report.rebound_trend
    path = " → ".join(days_word(d) for d in trend.days)
    if trend.direction == "shrinking":
        return f"Your rebounds are getting quicker: the last {len(trend.days)} took {path}."
    if trend.direction == "growing":
        return (
            f"The last few rebounds took a little longer ({path}). That is allowed: "
            "feelings need their time, and you are still moving."
        )
    if trend.direction == "steady":
        return f"Your rebound time is holding steady over the last {len(trend.days)} ({path})."
    return (
        f"After a few more recoveries (up to {TREND_LAST} are compared) this will show "
        "whether your rebounds are getting quicker."
    )


# --------------------------------------------------------------------------- Rich


def render_report(report: Report, console: Console) -> None:
    """Print ``report`` as Rich tables. Every string is ours or a label, never read as markup."""
    from rich.table import Table
    from rich.text import Text

    def table(title: str, *columns: str) -> Table:
        grid = Table(title=title, title_justify="left", show_header=any(columns), title_style="bold")
        for i, name in enumerate(columns):
            grid.add_column(name, justify="left" if i == 0 else "right", no_wrap=i == 0)
        return grid

    def row(grid: Table, *cells: object) -> None:
        grid.add_row(*(Text(str(cell)) for cell in cells))

    def show(grid: Table, *notes: str) -> None:
        console.print(grid)
        for line in notes:
            console.print(Text(line, style="italic"))
        console.print()

    streak, momentum, score = report.streak, report.momentum, report.score

    checkins = table("Check-ins", "", "")
    row(checkins, "Days in a row", number(streak.current))
    row(checkins, "Longest run", number(streak.longest))
    row(checkins, "Days you checked in", number(streak.total_days))
    row(checkins, "Today", _streak_line(report))
    show(checkins, "Rest days are passed over: they never end a run.")

    weeks = table("Momentum", "", "")
    row(weeks, "Weeks in a row meeting your target", number(momentum.weeks))
    row(weeks, "Longest run of weeks", number(momentum.longest))
    this_week = (
        f"{number(momentum.this_week_actions)} of {number(momentum.this_week_target)} job-search actions"
    )
    if momentum.this_week_met:
        this_week += " ✓"
    elif momentum.this_week_target == 0:
        this_week = "a week of rest: nothing asked"
    row(weeks, f"This week (from {momentum.week_start:%a %d %b})", this_week)
    target = f"{momentum.target} a week"
    if momentum.this_week_target != momentum.target:
        target += f" ({momentum.this_week_target} this week, with rest days)"
    row(weeks, "Your target", target)
    show(weeks, "Applications, interviews, practice and networking all count.")

    resilience = table("Resilience score", "", "")
    row(resilience, "Score (0–100)", f"{score.value:.0f}")
    row(resilience, "Lately", score_words(score_trend(score)))
    if score.as_of is not None:
        row(resilience, "As of", f"{score.as_of:%a %d %b %Y}")
    if len(score.recent) > 1:
        change = score.recent[-1] - score.recent[0]
        row(resilience, f"Change over the last {len(score.recent)} days", f"{change:+.0f}")
    if score.last_parts is not None:
        checked, acted, recovered = score.last_parts
        row(resilience, "Checked in / acted / recovered", f"{checked:.0%} / {acted:.0%} / {recovered:.0%}")
    show(
        resilience,
        "Each day counts checking in, acting and recovering, smoothed over weeks. "
        "A day with nothing logged never raises it; a pause holds it.",
    )

    if report.setbacks:
        bounce = table("Bouncing back after a no", *REBOUND_COLUMNS)
        for cells in rebound_rows(report):
            row(bounce, *cells)
        show(bounce, *REBOUND_NOTES, rebound_summary(report), _trend_line(report))
    else:
        console.print(Text("Bouncing back after a no", style="bold"))
        console.print(Text("No rejections or ghostings logged. When one comes, this shows how you recover."))
        console.print()

    grow = table("Growth in your self-ratings", "Rating", "Rounds", "Average", "Trend")
    words = {"rising": "rising", "steady": "steady", "dipping": "a little lower", "not-enough-data": "–"}
    for dimension in report.growth:
        average = "–" if dimension.mean is None else f"{dimension.mean:.1f}"
        row(grow, dimension.label, dimension.count, average, words[dimension.direction])
    show(grow, *(f"- {dimension.summary}" for dimension in report.growth))

    if report.funnel:
        reach = table("How far applications got", *FUNNEL_COLUMNS)
        for cells in funnel_rows(report.funnel):
            row(reach, *cells)
        show(reach, FUNNEL_NOTE)
    else:
        console.print(Text("How far applications got", style="bold"))
        console.print(Text(NO_FUNNEL))
        console.print()

    console.print(Text("Patterns", style="bold"))
    for line in pattern_lines(report):
        console.print(Text(f"- {line}"))
    console.print()


def render_stats(snapshot: Snapshot, today: date, console: Console) -> None:
    """Print every figure as of ``today`` as Rich tables (``rebound-tui stats``)."""
    render_report(compute_all(snapshot, today), console)
