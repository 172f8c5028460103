"""What the app does with what the person asks for: open the dialog, save, say what became of it.

Screens and the command palette post intents (:mod:`rebound_tui.tui.messages`);
:class:`ChangeDialogs`, a part of the app (both apps inherit it), handles each one:
it opens the dialog, hands the answer to the session (:mod:`rebound_tui.tui.session`),
which saves it the moment the person confirms, and then says in one line what
became of it, with the care that follows a low mood or a setback. Kept apart from
``app.py`` (modes, keys, loading) so each reads on its own.

It runs past 500 lines because it has one short handler per intent (about thirty),
and they share the steps of a save (the worker thread, the wait notice, the "changed
elsewhere" question, the reply); split by intent, those steps would be imported back
into every part.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from enum import Enum
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from textual import on
from textual.app import App
from textual.message import Message

from rebound_tui.core.models import MOODS, Application, CheckIn, Round, WeekNote
from rebound_tui.core.wording import human_day
from rebound_tui.storage.errors import StoreError
from rebound_tui.tui import messages
from rebound_tui.tui.messages import DataUnreadable
from rebound_tui.tui.session import SaveResult, Session

REFLECT_AGAIN_AFTER_DAYS = 2
"""A reflection postponed with "Later" is offered again on Today this many days on, once."""
WAIT_NOTICE = 0.4
"""How often a save still running looks whether it waits for another rebound-tui (and then says so)."""
WAITING = "Waiting for another rebound-tui to finish saving. Your text is kept; this saves when it can."
WAITING_NO_TEXT = "Waiting for another rebound-tui to finish saving; this saves when it can."
STILL_UNDOING = "Still taking back the last change, one moment."
KEPT = " Your text is still here: ctrl+s tries again, ctrl+g leaves it."

# Drafts and milestones are imported where they are used: a form or a save comes after
# the first paint, which does not wait for them.
if TYPE_CHECKING:
    from rebound_tui.storage.drafts import DraftBook
    from rebound_tui.tui import milestones
    from rebound_tui.tui.dialogs.saving import SavingDialog

D = TypeVar("D", bound="SavingDialog[Any]")

DRAFT_PROBLEM = "Drafts cannot be kept right now ({}). What you type stays on screen until you save."

EditSave = Callable[[Mapping[str, Any] | None, bool], SaveResult]
"""One edit saved with the person's choices for conflicts and whether to keep it as new."""

LOW_MOOD_WORDS = (
    "Hard days are part of this, and noticing them is already "
    "looking after yourself. Nothing needs fixing right now."
)


class AppDrafts:
    """The app's drafts, as dialogs see them (:class:`~rebound_tui.tui.dialogs.saving.DraftKeeper`).

    Never raises into a dialog: a draft that cannot be written is said once, and
    the form (with its text) stays as it is.
    """

    def __init__(self, book: DraftBook, warn: Callable[[str], None]) -> None:
        self.book = book
        self.warn = warn
        self.said = False

    def _problem(self, exc: StoreError) -> None:
        if not self.said:
            self.said = True
            self.warn(DRAFT_PROBLEM.format(exc))

    def get(self, key: str) -> dict[str, Any] | None:
        draft = self.book.get(key)
        return draft.fields if draft is not None and draft.fields else None

    def keep(self, key: str, fields: Mapping[str, Any]) -> None:
        try:
            self.book.keep(key, fields)
        except StoreError as exc:
            self._problem(exc)

    def drop(self, key: str) -> None:
        try:
            self.book.drop(key)
        except StoreError as exc:
            self._problem(exc)


class ChangeDialogs(App[None]):
    """The dialogs behind every change, and the words after them (a part of the app, see above)."""

    session: Session
    """The data: every screen reads it, every change goes through it (set by the app)."""

    def now(self) -> datetime:
        return self.session.now()

    # ----------------------------------------------------------------- drafts

    _drafts: AppDrafts | None = None
    mode_names: tuple[str, ...] = ()
    """Every mode the app has (a form may be open in one not shown)."""

    @property
    def drafts(self) -> AppDrafts:
        """Drafts of the forms, kept beside the store (see :mod:`rebound_tui.storage.drafts`)."""
        if self._drafts is None:
            from rebound_tui.storage.drafts import DraftBook

            book = DraftBook(self.session.store.data_dir)
            self._drafts = AppDrafts(book, lambda text: self.notify(text, severity="warning", markup=False))
        return self._drafts

    def with_draft(self, dialog: D, key: str) -> D:
        """Give ``dialog`` its drafts under ``key``, and the draft kept from before, if any."""
        dialog.drafts = self.drafts
        dialog.draft_key = key
        dialog.offered_draft = self.drafts.get(key)
        return dialog

    def open_dialogs(self) -> list[SavingDialog[Any]]:
        """Every form open in any mode (drafts to flush)."""
        from rebound_tui.tui.dialogs.saving import SavingDialog

        stacks = [list(self.screen_stack)]
        for mode in self.mode_names:
            with contextlib.suppress(KeyError):  # not started yet
                stacks.append(list(self.get_screen_stack(mode)))
        found: list[SavingDialog[Any]] = []
        for stack in stacks:
            found.extend(s for s in stack if isinstance(s, SavingDialog) and s not in found)
        return found

    def flush_drafts(self) -> None:
        """Write every open form's draft now (on SIGHUP/SIGTERM, and before quitting)."""
        for dialog in self.open_dialogs():
            dialog.flush_draft()

    async def action_quit(self) -> None:
        self.flush_drafts()
        await super().action_quit()

    def _cannot_read(self, problem: str) -> None:
        self.notify(problem, title="Cannot read your data", severity="error", timeout=30, markup=False)

    def show_result(self, result: SaveResult, done: str | None = None, *, kept: str = "") -> bool:
        """Say what became of a change: why it was not saved (one line), or ``done``; True if saved.

        Nothing is said when there was nothing to save.
        """
        if result.read_problem:
            self._cannot_read(result.read_problem)
        if not result.saved:
            self.notify(result.problem + kept, title="Not saved", severity="error", timeout=12, markup=False)
            return False
        if done and not result.unchanged:
            self.notify(done, timeout=4, markup=False)
        return True

    # ----------------------------------------------------------------- saving from a dialog

    async def save_in_thread(
        self, change: Callable[[], SaveResult], *, waiting_words: str = WAITING
    ) -> SaveResult:
        """Run one session change in a worker thread: the screen stays live while it waits for the lock.

        If it waits for another rebound-tui that holds the lock (importing, say), say so
        with ``waiting_words``; a save that is only slow (a busy machine) says nothing.
        """

        def look() -> None:
            if self.session.waiting_for_another:
                self.notify(waiting_words, title="Saving", timeout=8)
                waiting.stop()

        waiting = self.set_interval(WAIT_NOTICE, look)
        try:
            return await asyncio.to_thread(change)
        finally:
            waiting.stop()

    async def save_edit(self, save: EditSave) -> SaveResult | None:
        """Save an edit; ask about fields changed elsewhere too, or a record deleted meanwhile.

        Returns the final result, or None when the person chose to decide later
        (nothing saved, the form stays open).
        """
        from rebound_tui.tui.dialogs.choice import ChoiceDialog

        choices: dict[str, Any] = {}
        as_new = False
        while True:
            result = await self.save_in_thread(partial(save, dict(choices), as_new))
            if result.conflicts:
                for conflict in result.conflicts:
                    pick = await self.push_screen_wait(
                        ChoiceDialog(
                            "Changed in two places",
                            f"While this form was open, another rebound-tui changed {_field(conflict.name)}"
                            " too. Which one should stay?",
                            (
                                f"Keep yours: {_shown(conflict.mine)}",
                                f"Keep the other: {_shown(conflict.theirs)}",
                            ),
                        )
                    )
                    if pick is None:
                        return None
                    choices[conflict.name] = conflict.mine if pick == 1 else conflict.theirs
                continue
            if result.deleted and not as_new:
                pick = await self.push_screen_wait(
                    ChoiceDialog(
                        "Deleted meanwhile",
                        "While this form was open, this record was deleted in another rebound-tui.",
                        ("Keep your edit as a new record", "Let it go: leave it deleted"),
                    )
                )
                if pick is None:
                    return None
                if pick == 1:
                    as_new = True
                    continue
            return result

    def kept_in_dialog(self, result: SaveResult | None) -> bool:
        """Say why an edit was not saved; True when the dialog may close (saved, or let go)."""
        if result is None:
            return False
        if result.deleted:
            self.notify("Left deleted; your edit was not kept.", timeout=5)
            return True
        return self.show_result(result, kept=KEPT) if not result.saved else True

    # ----------------------------------------------------------------- settings

    @on(messages.SettingsRequested)
    def _settings_requested(self) -> None:
        self.open_settings()

    def open_settings(self) -> None:
        """Settings (key ``s``): saved as one change on ctrl+s; pauses saved as each is added or deleted."""
        try:
            snapshot = self.session.snapshot
        except DataUnreadable as exc:
            self._cannot_read(str(exc))
            return
        from rebound_tui.core.models import RestDay
        from rebound_tui.tui.dialogs.settings import SettingsDialog

        opened = snapshot.settings

        async def save(changes: dict[str, Any]) -> bool:
            result = await self.save_in_thread(lambda: self.session.save_settings_changes(opened, changes))
            if not self.show_result(result, "Settings saved.", kept=KEPT):
                return False
            if "theme" in changes:
                self.theme = changes["theme"]  # already saved: the theme's own save finds nothing to do
            return True

        def pauses_now() -> tuple[RestDay, ...]:
            with contextlib.suppress(DataUnreadable):
                return tuple(self.session.snapshot.rest_days)
            return ()

        async def add_pause(rest: RestDay) -> tuple[RestDay, ...] | None:
            from rebound_tui.core.preferences import pause_saved

            result = await self.save_in_thread(lambda: self.session.add_pause(rest))
            if not self.show_result(result, pause_saved(rest.start, rest.end), kept=KEPT):
                return None
            return pauses_now()

        async def delete_pause(rest: RestDay) -> tuple[RestDay, ...] | None:
            result = await self.save_in_thread(
                lambda: self.session.delete_pause(rest), waiting_words=WAITING_NO_TEXT
            )
            if not self.show_result(result, "Pause deleted."):
                return None
            return pauses_now()

        dialog = SettingsDialog(self.now(), opened, snapshot.rest_days)
        dialog.save_hook = save
        dialog.add_pause_hook = add_pause
        dialog.delete_pause_hook = delete_pause
        self.push_screen(dialog)

    # ----------------------------------------------------------------- check-in

    def open_checkin(self, then: Callable[[CheckIn | None], None] | None = None) -> None:
        feelings: dict[str, None] = {}
        activities: dict[str, None] = {}
        try:
            for checkin in self.session.snapshot.checkins[-60:]:
                feelings.update(dict.fromkeys(checkin.feelings))
                activities.update(dict.fromkeys(checkin.activities))
        except DataUnreadable:
            pass

        def done(record: CheckIn | None) -> None:
            saved = record is not None and self.after_checkin(record)
            if then is not None:
                then(record if saved else None)

        async def save(record: CheckIn) -> bool:
            result = await self.save_in_thread(lambda: self.session.add_checkin(record))
            return self.show_result(result, kept=KEPT)

        from rebound_tui.tui.dialogs.checkin import CheckinDialog

        dialog = CheckinDialog(self.now(), extra_feelings=tuple(feelings), extra_activities=tuple(activities))
        dialog.save_hook = save
        self.push_screen(self.with_draft(dialog, "checkin:new"), done)

    def finish_checkin(self, record: CheckIn) -> bool:
        """Save a confirmed check-in; answer a low mood with care. False when it could not be saved."""
        if not self.show_result(self.session.add_checkin(record)):
            return False
        return self.after_checkin(record)

    def after_checkin(self, record: CheckIn) -> bool:
        """A check-in was saved: answer a low mood with care, else say so with the streak."""
        from rebound_tui.tui import milestones

        if record.mood <= 2:
            from rebound_tui.core.tips import tip_of_the_day
            from rebound_tui.tui.dialogs.message import CareDialog

            tip = tip_of_the_day(self.now().date(), "low-mood")
            care = CareDialog("Thank you for checking in.", LOW_MOOD_WORDS, tip)
            self.push_screen(care, lambda _: self._after_care(record))
        else:
            try:
                streak = self.session.report.streak.current
            except DataUnreadable:  # saved, but not read back: said already
                streak = 0
            more = f" That's {streak} days in a row." if streak >= 2 else ""
            with contextlib.suppress(DataUnreadable):
                moment = milestones.after_checkin(self.session.snapshot, streak, record.day)
                if moment is not None:
                    more = f" {moment.words}"
            self.notify(f"Saved: {MOODS[record.mood]}.{more}", timeout=6 if more else 4)
        return True

    def celebrate(self, moment: milestones.Milestone) -> None:
        """Say a milestone warmly: an offer in a dialog with a tip, the others in a longer toast."""
        if not moment.dialog:
            self.notify(moment.words, title=moment.title, timeout=8, markup=False)
            return
        from rebound_tui.core.tips import tip_of_the_day
        from rebound_tui.tui.dialogs.message import CareDialog

        tip = tip_of_the_day(self.now().date(), "milestones")
        self.push_screen(CareDialog(moment.title, moment.words, tip))

    def _after_care(self, record: CheckIn) -> None:
        """The care message was read: say the check-in is saved, as after any other mood.

        The quick check-in app prints this line when it exits (see QuickCheckinApp).
        """
        self.notify(f"Saved: {MOODS[record.mood]}. Checking in on a hard day counts too.", timeout=4)

    # ----------------------------------------------------------------- what screens ask for

    @on(messages.CheckinRequested)
    def _checkin_requested(self) -> None:
        self.open_checkin()

    @on(messages.AddApplication)
    def _add_application_requested(self) -> None:
        self.add_application()

    @on(messages.LogRound)
    def _log_round_requested(self, message: messages.LogRound) -> None:
        self.log_round(message.application)

    @on(messages.EditRecord)
    def _edit_requested(self, message: messages.EditRecord) -> None:
        record, label = message.record, message.undo_label
        if isinstance(record, CheckIn):
            self.edit_checkin(record, label)
        elif isinstance(record, Round):
            self.edit_round(record, label)
        else:
            self.edit_application(record)

    @on(messages.Reflect)
    def _reflect_requested(self, message: messages.Reflect) -> None:
        self.reflect(message.round)

    @on(messages.ReflectOnLast)
    def _reflect_on_last_requested(self) -> None:
        self.reflect_on_last()

    @on(messages.DeleteRecord)
    def _delete_requested(self, message: messages.DeleteRecord) -> None:
        self.delete_record(message.record, message.label)

    @on(messages.UndoRequested)
    def _undo_requested(self) -> None:
        self.undo_last()

    # ----------------------------------------------------------------- interviews

    def add_application(self) -> None:
        from rebound_tui.tui.dialogs.forms import ApplicationForm

        def done(app: Application | None) -> None:
            from rebound_tui.tui import milestones

            if app is not None:
                more = "Press n on Interviews to log a round."
                with contextlib.suppress(DataUnreadable):
                    moment = milestones.after_application(self.session.snapshot)
                    more = moment.words if moment is not None else more
                self.notify(f"Added {app.company}. {more}", timeout=6, markup=False)

        async def save(app: Application) -> bool:
            result = await self.save_in_thread(lambda: self.session.add_application(app))
            return self.show_result(result, kept=KEPT)

        form = ApplicationForm(self.now())
        form.save_hook = save
        self.push_screen(self.with_draft(form, "application:new"), done)

    def edit_application(self, application: Application) -> None:
        from rebound_tui.tui.dialogs.forms import ApplicationForm

        outcome: list[SaveResult] = []

        def done(app: Application | None) -> None:
            if app is not None and outcome and outcome[-1].saved and not outcome[-1].unchanged:
                self.notify(f"Saved {app.company}.", timeout=4, markup=False)

        async def save(app: Application) -> bool:
            result = await self.save_edit(
                lambda choices, as_new: self.session.edit_application(
                    application, app, choices=choices, as_new=as_new
                )
            )
            outcome[:] = [result] if result else []
            return self.kept_in_dialog(result)

        form = ApplicationForm(self.now(), application)
        form.save_hook = save
        self.push_screen(self.with_draft(form, f"application:{application.id}"), done)

    def log_round(
        self, application: Application, existing: Round | None = None, undo_label: str | None = None
    ) -> None:
        """Log a new round, or edit ``existing`` (undoable from History when ``undo_label`` names it)."""
        from rebound_tui.tui.dialogs.forms import RoundForm

        outcome: list[SaveResult] = []

        def done(rnd: Round | None) -> None:
            from rebound_tui.tui import milestones

            if rnd is None or not outcome:
                return
            result = outcome[-1]
            if not result.saved or result.unchanged:
                return
            if undo_label is not None:  # History: the edit can be taken back
                self.notify("Saved. ctrl+z undoes it.", timeout=4)
            was_setback = existing is not None and existing.outcome.is_setback
            if rnd.outcome.is_setback and not was_setback:
                self.after_setback(rnd)  # the same support whether logged or corrected
                return
            with contextlib.suppress(DataUnreadable):  # saved; the words can do without the data
                moment = milestones.after_round(self.session.snapshot, rnd, existing)
                if moment is not None:
                    self.celebrate(moment)
                elif undo_label is None:
                    said = milestones.round_saved(rnd, application)
                    self.notify(said, timeout=3, markup=False)  # the company is user text

        async def save(rnd: Round) -> bool:
            result: SaveResult | None
            if existing is None:
                result = await self.save_in_thread(lambda: self.session.log_round(rnd))
            else:
                result = await self.save_edit(
                    lambda choices, as_new: self.session.edit_round(
                        existing, rnd, undo_label=undo_label, choices=choices, as_new=as_new
                    )
                )
            outcome[:] = [result] if result else []
            return self.kept_in_dialog(result)

        latest = None
        if existing is None:
            with contextlib.suppress(DataUnreadable):
                theirs = [r for r in self.session.snapshot.rounds if r.application_id == application.id]
                latest = max(theirs, key=lambda r: (r.when, r.created)).stage if theirs else None
        form = RoundForm(self.now(), application, existing, latest=latest)
        form.save_hook = save
        key = f"round:{existing.id}" if existing is not None else f"round:new:{application.id}"
        self.push_screen(self.with_draft(form, key), done)

    def edit_round(self, rnd: Round, undo_label: str | None = None) -> None:
        app = self.session.snapshot.application(rnd.application_id)
        if app is None:
            self.notify("This round's application is gone; it can only be deleted.", severity="warning")
            return
        self.log_round(app, rnd, undo_label)

    def after_setback(self, rnd: Round) -> None:
        app = self.session.snapshot.application(rnd.application_id)
        from rebound_tui.core.tips import tip_of_the_day
        from rebound_tui.core.wording import setback_message

        message = setback_message(rnd.outcome, app.company if app else None, in_app=True)

        tip = tip_of_the_day(self.now().date(), "after-rejection")
        from rebound_tui.tui.dialogs.message import SetbackDialog

        def answered(reflect: bool | None) -> None:
            if reflect:
                self.reflect(rnd)
            else:  # "Later": Today offers it again in a couple of days, once
                later = self.now().date() + timedelta(days=REFLECT_AGAIN_AFTER_DAYS)
                self.run_worker(self.set_reflect_later(rnd, later), group="save", name="reflect later")

        self.push_screen(SetbackDialog(message, tip), answered)

    async def set_reflect_later(self, rnd: Round, day: date | None) -> None:
        """Note (or, with None, clear) the day a postponed reflection is offered again on Today.

        Quiet when it works: it is a reminder, not something the person asked to save.
        """
        with contextlib.suppress(DataUnreadable):
            rnd = next((r for r in self.session.snapshot.rounds if r.id == rnd.id), rnd)
        if rnd.reflect_later == day:
            return
        edited = rnd.touched(self.now(), reflect_later=day)
        result = await self.save_in_thread(lambda: self.session.edit_round(rnd, edited))
        if not result.saved:
            self.show_result(result)

    @on(messages.ReflectionOffered)
    def _reflection_offered(self, message: messages.ReflectionOffered) -> None:
        self.run_worker(self.set_reflect_later(message.round, None), group="save", name="offered once")

    @on(messages.FollowUpAnswered)
    def _follow_up_answered(self, message: messages.FollowUpAnswered) -> None:
        self.run_worker(
            self.answer_follow_up(message.round, message.follow_up), group="save", name="follow-up"
        )

    async def answer_follow_up(self, rnd: Round, day: date | None) -> None:
        """Mark a follow-up done (``day`` None clears its date) or move it to ``day``, and say so."""
        app = self.session.snapshot.application(rnd.application_id)
        with contextlib.suppress(DataUnreadable):
            rnd = next((r for r in self.session.snapshot.rounds if r.id == rnd.id), rnd)
        if rnd.follow_up == day:
            return
        edited = rnd.touched(self.now(), follow_up=day)
        result = await self.save_in_thread(
            lambda: self.session.edit_round(rnd, edited), waiting_words=WAITING_NO_TEXT
        )
        who = f" with {app.company}" if app else ""
        if day is None:
            done = f"Follow-up{who} marked done. Nice work keeping in touch."
        else:
            done = f"Follow-up{who} moved to {human_day(day, self.now().date())}."
        self.show_result(result, done)  # said without markup: the company is user text

    def reflect(self, rnd: Round) -> None:
        if rnd.when > self.now():
            when = human_day(rnd.day, self.now().date())
            self.notify(f"This round is {when}: reflect on it once it has happened.", timeout=4)
            return
        snapshot = self.session.snapshot
        app = snapshot.application(rnd.application_id)
        if app is None:
            return
        current = next((r for r in snapshot.rounds if r.id == rnd.id), rnd)
        from rebound_tui.tui.dialogs.forms import ReflectionForm

        outcome: list[SaveResult] = []

        def done(updated: Round | None) -> None:
            if updated is not None and outcome and outcome[-1].saved and not outcome[-1].unchanged:
                self.notify("Reflection saved. That's how patterns become visible.", timeout=4)

        async def save(updated: Round) -> bool:
            result = await self.save_edit(
                lambda choices, as_new: self.session.save_reflection(
                    current, updated, choices=choices, as_new=as_new
                )
            )
            outcome[:] = [result] if result else []
            return self.kept_in_dialog(result)

        form = ReflectionForm(self.now(), app, current)
        form.reframe_prompt = snapshot.settings.reframe_prompt
        form.save_hook = save
        self.push_screen(self.with_draft(form, f"reflection:{current.id}"), done)

    def reflect_on_last(self) -> None:
        """Reflect on the latest round that has taken place (one dated later has not happened yet)."""
        snapshot = self.session.snapshot
        last = snapshot.last_round_by(self.now())
        if last is None:
            message = "No round has taken place yet." if snapshot.rounds else "No rounds logged yet."
            self.notify(message, severity="warning")
            return
        self.reflect(last)

    # ----------------------------------------------------------------- history

    def edit_checkin(self, checkin: CheckIn, undo_label: str | None = None) -> None:
        """Correct a check-in in the form used to add it (undoable when ``undo_label`` names it)."""
        from rebound_tui.tui.dialogs.checkin import CheckinDialog

        outcome: list[SaveResult] = []

        def done(updated: CheckIn | None) -> None:
            if updated is not None and outcome and outcome[-1].saved and not outcome[-1].unchanged:
                self.notify("Saved. ctrl+z undoes it.", timeout=4)

        async def save(updated: CheckIn) -> bool:
            result = await self.save_edit(
                lambda choices, as_new: self.session.edit_checkin(
                    checkin, updated, undo_label=undo_label, choices=choices, as_new=as_new
                )
            )
            outcome[:] = [result] if result else []
            return self.kept_in_dialog(result)

        dialog = CheckinDialog(self.now(), existing=checkin)
        dialog.save_hook = save
        self.push_screen(self.with_draft(dialog, f"checkin:{checkin.id}"), done)

    def delete_record(self, record: CheckIn | Round, label: str) -> None:
        """Ask, then delete ``record`` (named by ``label``); ctrl+z brings it back while the app is open.

        The deletion is saved in a worker thread, like every other change: the screen
        stays live while another rebound-tui holds the lock.
        """
        from rebound_tui.tui.dialogs.message import ConfirmDialog

        question = f"Delete {label}? While the app stays open, ctrl+z brings it back."

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_worker(self._delete(record, label), group="save", name="delete")

        self.push_screen(ConfirmDialog(question, yes="Delete"), answered)

    async def _delete(self, record: CheckIn | Round, label: str) -> None:
        result = await self.save_in_thread(
            partial(self.session.delete, record, undo_label=label), waiting_words=WAITING_NO_TEXT
        )
        self.show_result(result, "Deleted. ctrl+z undoes it.")

    @on(messages.DeleteApplication)
    @on(messages.ArchiveApplication)
    @on(messages.WithdrawApplication)
    @on(messages.QuietOfferShown)
    @on(messages.QuietAnswered)
    def _manage_application(self, message: Message) -> None:
        from rebound_tui.tui.applications import ApplicationDialogs  # not needed for the first paint

        ApplicationDialogs(self, WAITING_NO_TEXT).handle(message)

    _undoing = False
    """True while an undo is being saved: a second ctrl+z waits for it (it would take back the same step)."""

    def undo_last(self) -> None:
        """Take back the last edit or deletion made in History (saved in a worker thread)."""
        step = self.session.next_undo
        if self._undoing:
            self.notify(STILL_UNDOING, timeout=3)
        elif step is None:
            self.notify("Nothing to undo: no edits or deletions here since the app opened.", timeout=4)
        else:
            self._undoing = True
            self.run_worker(self._undo(step.label), group="save", name="undo")

    async def _undo(self, label: str) -> None:
        try:
            result = await self.save_in_thread(self.session.undo, waiting_words=WAITING_NO_TEXT)
        finally:
            self._undoing = False
        if self.show_result(result):
            self.notify(f"Undid {label}.", timeout=4, markup=False)  # the label holds user text

    # ----------------------------------------------------------------- the weekly review

    @on(messages.WriteWeekNote)
    def _week_note_requested(self, message: messages.WriteWeekNote) -> None:
        self.write_week_note(message.week, message.note, message.label)

    def write_week_note(self, week: date, note: WeekNote | None, label: str) -> None:
        """Open the keep/try form for the week starting ``week``; save it the moment it is confirmed."""
        from rebound_tui.tui.dialogs.week_note import WeekNoteForm

        def done(saved: WeekNote | None) -> None:
            if saved is not None:
                self.notify(
                    f"Saved for the week of {week:%a} {week.day} {week:%b}. That week's review shows it.",
                    timeout=5,
                )

        async def save(answer: WeekNote) -> bool:
            result = await self.save_in_thread(lambda: self.session.save_week_note(answer, note))
            return self.show_result(result, kept=KEPT)

        form = WeekNoteForm(self.now(), week, note, label)
        form.save_hook = save
        self.push_screen(self.with_draft(form, f"week-note:{week.isoformat()}"), done)


def _field(name: str) -> str:
    """A field's name for the person: "the note", "the mood"."""
    return "the " + name.replace("_", " ")


def _shown(value: object) -> str:
    """A value on one line for a choice: user text shown as it is, never as markup."""
    from rebound_tui.core.text import one_line

    if isinstance(value, Enum):
        value = getattr(value, "label", value.value)
    elif isinstance(value, datetime):
        value = f"{value:%a %d %b %Y, %H:%M}"
    elif isinstance(value, date):
        value = f"{value:%a %d %b %Y}"
    elif isinstance(value, (tuple, list)):
        value = ", ".join(str(getattr(v, "label", v)) for v in value) or "(none)"
    elif isinstance(value, dict):
        value = ", ".join(f"{k} {v}" for k, v in value.items()) or "(none)"
    elif value is None or value == "":
        value = "(empty)"
    return one_line(str(value), 60)
