"""How far applications got: for each stage that was logged, how many reached it and how many went on.

Only stages with a logged round count (an application is its 'applied' stage
whether or not that round was logged). An application that went applied ->
phone screen -> onsite is counted under those three stages, never under the
recruiter screen, technical or take-home it did not log. Rounds dated after
``today`` (a scheduled interview) have not been reached yet.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from rebound_tui.core.models import Snapshot, Stage


@dataclass(frozen=True)
class FunnelStage:
    """One logged stage: the applications that reached it and, of those, how many went further."""

    stage: Stage
    reached: int
    went_on: int
    """Of ``reached``, the applications with a later stage logged."""


def funnel(snapshot: Snapshot, today: date) -> tuple[FunnelStage, ...]:
    """Stages in process order that at least one application reached, as of ``today``."""
    stages: dict[str, set[Stage]] = defaultdict(set)
    for app in snapshot.applications:
        stages[app.id].add(Stage.APPLIED)
    for rnd in snapshot.rounds:
        if rnd.application_id in stages and rnd.day <= today:
            stages[rnd.application_id].add(rnd.stage)
    furthest = {app_id: max(s.order for s in logged) for app_id, logged in stages.items()}
    rows = []
    for stage in Stage:
        holders = [app_id for app_id, logged in stages.items() if stage in logged]
        if holders:
            went_on = sum(1 for app_id in holders if furthest[app_id] > stage.order)
            rows.append(FunnelStage(stage=stage, reached=len(holders), went_on=went_on))
    return tuple(rows)
