"""Moments that deserve more (issue 14, item 11): an offer, a first interview, the tenth
application, a streak kept through a hard week, and "Saved the applied." put right."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from rebound_tui.core.models import Application, CheckIn, Outcome, Round, Snapshot, Stage
from rebound_tui.storage.store import Store
from rebound_tui.tui import milestones
from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.dialogs.message import CareDialog
from tests.tui.conftest import NOW

AppFactory = Callable[[], ReboundApp]
TODAY = NOW.date()
LONG_ROLE = "Senior Site Reliability Engineer, Platform"
BANK = Application.new("Commonwealth Bank of Australia", LONG_ROLE, now=NOW)


def _round(stage: Stage, outcome: Outcome = Outcome.PENDING, days_ago: int = 0) -> Round:
    return Round.new(BANK.id, stage, when=NOW - timedelta(days=days_ago), outcome=outcome, now=NOW)


def _checkin(mood: int, days_ago: int) -> CheckIn:
    return CheckIn.new(mood, timestamp=NOW - timedelta(days=days_ago), now=NOW)


class TestWords:
    def test_saved_words_read_as_english(self) -> None:
        applied = milestones.round_saved(_round(Stage.APPLIED), BANK)
        assert applied == "Saved: applied to Commonwealth Bank of Australia."
        assert "the applied" not in applied
        phone = milestones.round_saved(_round(Stage.PHONE_SCREEN), BANK)
        assert phone == "Saved the phone screen with Commonwealth Bank of Australia."

    def test_an_offer_is_a_dialog(self) -> None:
        offer = _round(Stage.OFFER_TALK, Outcome.OFFER)
        moment = milestones.after_round(Snapshot(applications=(BANK,), rounds=(offer,)), offer)
        assert moment is not None and moment.dialog and "Commonwealth" in moment.title
        edited_again = milestones.after_round(Snapshot(applications=(BANK,), rounds=(offer,)), offer, offer)
        assert edited_again is None  # an offer already said is not said twice

    def test_first_interview_only_once(self) -> None:
        applied, phone = _round(Stage.APPLIED, days_ago=3), _round(Stage.PHONE_SCREEN)
        moment = milestones.after_round(Snapshot(applications=(BANK,), rounds=(applied, phone)), phone)
        assert moment is not None and "first interview" in moment.words
        second = _round(Stage.TECHNICAL)
        snap = Snapshot(applications=(BANK,), rounds=(applied, phone, second))
        assert milestones.after_round(snap, second) is None

    @pytest.mark.parametrize(("count", "said"), [(1, True), (9, False), (10, True), (11, False)])
    def test_application_counts(self, count: int, said: bool) -> None:
        apps = tuple(Application.new(f"Company {n}", "Role", now=NOW) for n in range(count))
        moment = milestones.after_application(Snapshot(applications=apps))
        assert (moment is not None) is said
        if count == 10:
            assert moment is not None and "tenth application" in moment.words

    def test_a_streak_through_a_hard_week(self) -> None:
        hard = tuple(_checkin(2 if d in (2, 4) else 4, d) for d in range(7))
        easy = tuple(_checkin(4, d) for d in range(7))
        assert milestones.after_checkin(Snapshot(checkins=hard), 7, TODAY) is not None
        assert milestones.after_checkin(Snapshot(checkins=easy), 7, TODAY) is None
        assert milestones.after_checkin(Snapshot(checkins=hard), 8, TODAY) is None
        rejected = _round(Stage.TECHNICAL, Outcome.REJECTED, days_ago=3)
        assert milestones.after_checkin(Snapshot(checkins=easy, rounds=(rejected,)), 14, TODAY) is not None


def _toasts(app: ReboundApp, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    notify = app.notify

    def recording(message: str, **options: Any) -> None:
        shown.append(message)
        notify(message, **options)

    monkeypatch.setattr(app, "notify", recording)
    return shown


async def _loaded(app: ReboundApp, pilot: Any) -> None:
    for _ in range(250):
        if app.data_ready:
            return
        await pilot.pause(0.02)
    raise AssertionError("not loaded")


class TestInTheApp:
    async def test_an_offer_is_met_warmly(self, app_factory: AppFactory, store: Store) -> None:
        store.add_many([BANK, _round(Stage.ONSITE, days_ago=5)])
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await _loaded(app, pilot)
            offer = _round(Stage.OFFER_TALK, Outcome.OFFER)
            app.log_round(BANK)
            await pilot.pause()
            form = app.screen
            form.query_one("#stage").value = offer.stage.value  # type: ignore[attr-defined]
            form.query_one("#outcome").value = Outcome.OFFER.value  # type: ignore[attr-defined]
            await pilot.press("ctrl+s")
            for _ in range(100):
                if isinstance(app.screen, CareDialog):
                    break
                await pilot.pause(0.05)
            assert isinstance(app.screen, CareDialog)
            assert app.screen.title_text == "An offer from Commonwealth Bank of Australia."
            assert app.screen.tip.situation == "milestones"

    async def test_a_new_round_says_what_was_saved(
        self, app_factory: AppFactory, store: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        store.add_many([BANK, _round(Stage.PHONE_SCREEN, days_ago=5)])
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await _loaded(app, pilot)
            toasts = _toasts(app, monkeypatch)
            app.log_round(BANK)
            await pilot.pause()
            await pilot.press("ctrl+s")
            for _ in range(200):
                if any(t.startswith("Saved") for t in toasts):
                    break
                await pilot.pause(0.05)
        # (under load a "Waiting for another rebound-tui" notice may come first)
        assert [t for t in toasts if t.startswith("Saved")] == [
            "Saved the technical interview with Commonwealth Bank of Australia."
        ]
