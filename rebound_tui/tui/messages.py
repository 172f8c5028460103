"""What screens and the app say to each other: data handed down, intents posted up.

Screens, dialogs and the command palette never import the app or the store
(Textual's rule: attributes down, messages up). They read the session's data
through :class:`DataView` and, to change anything, post one of the messages
below; the app handles each one (``on_<name>``), opens the dialog it needs and
asks the session to save. So what a save is lives in one place
(:mod:`rebound_tui.tui.session`), and a screen cannot write behind the app's back.

This module imports no storage and no app, so every screen may import it.
Each message with data writes its own ``__init__`` (Textual's habit) rather than
being a dataclass: a dataclass compiles its methods when this module is imported,
which is on the way to the first frame (about 5 ms for the twelve).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol

from textual.message import Message

from rebound_tui.core.models import Application, CheckIn, Round, Snapshot, WeekNote
from rebound_tui.core.streaks import Streak

if TYPE_CHECKING:
    from rebound_tui.core.metrics import Report


class DataUnreadable(Exception):
    """The data file cannot be read right now; the message is one line naming the file.

    Raised by the session's reads (never by a save, which answers with a result), so a
    screen can say so where its figures would be; the file is never overwritten.
    """


class DataView(Protocol):
    """What a screen may read: the session's snapshot, its figures and the clock (never the store)."""

    @property
    def snapshot(self) -> Snapshot:
        """Every record as last read; raises DataUnreadable if nothing could be read yet."""
        ...

    @property
    def report(self) -> Report:
        """Every figure of the snapshot, for today; raises DataUnreadable like ``snapshot``."""
        ...

    @property
    def data_ready(self) -> bool:
        """True once every record has been read; until then Today shows its quick figures."""
        ...

    def now(self) -> datetime:
        """The current moment, from the clock the app was given (tests freeze it)."""
        ...

    def quick_streak(self, today: date) -> Streak:
        """The check-in streak without building every record (the first paint); may raise DataUnreadable."""
        ...


# --------------------------------------------------------------------------- intents posted up


class LoadRequested(Message):
    """Today has drawn its first frame with the quick figures: load everything else now."""


class CheckinRequested(Message):
    """Open the check-in (the palette's "Check in"; the key ``c`` is the app's own)."""


class SettingsRequested(Message):
    """Open Settings (the palette's "Settings"; the key ``s`` is the app's own)."""


class AddApplication(Message):
    """Open the form for a new application."""


class LogRound(Message):
    """Open the form for a new round of ``application``."""

    def __init__(self, application: Application) -> None:
        super().__init__()
        self.application = application


class EditRecord(Message):
    """Open ``record`` in the form used to add it, and save what comes back.

    With ``undo_label`` (History), the edit can be taken back with ctrl+z, and is
    named so: "the check-in of Mon 23 Nov".
    """

    def __init__(self, record: CheckIn | Application | Round, undo_label: str | None = None) -> None:
        super().__init__()
        self.record = record
        self.undo_label = undo_label


class Reflect(Message):
    """Open the reflection form for ``round`` (its freshest copy)."""

    def __init__(self, round: Round) -> None:
        super().__init__()
        self.round = round


class ReflectionOffered(Message):
    """Today offered again the reflection postponed on ``round``: it is not offered a second time."""

    def __init__(self, round: Round) -> None:
        super().__init__()
        self.round = round


class FollowUpAnswered(Message):
    """Today's follow-up on ``round`` was done (``follow_up`` None) or moved to ``follow_up``."""

    def __init__(self, round: Round, follow_up: date | None) -> None:
        super().__init__()
        self.round = round
        self.follow_up = follow_up


class ReflectOnLast(Message):
    """Open the reflection form for the latest round logged."""


class DeleteRecord(Message):
    """Ask, then delete ``record``; ``label`` names it in the question ("the check-in of ...")."""

    def __init__(self, record: CheckIn | Round, label: str) -> None:
        super().__init__()
        self.record = record
        self.label = label


class UndoRequested(Message):
    """Take back the last edit or deletion made in History while the app is open."""


# --------------------------------------------------------------------------- managing applications


class DeleteApplication(Message):
    """Ask, then delete ``application`` with its rounds (ctrl+z brings them back while the app is open)."""

    def __init__(self, application: Application) -> None:
        super().__init__()
        self.application = application


class ArchiveApplication(Message):
    """Archive ``application`` (or, with ``archived`` False, bring it back to the list)."""

    def __init__(self, application: Application, archived: bool = True) -> None:
        super().__init__()
        self.application = application
        self.archived = archived


class WithdrawApplication(Message):
    """Ask, then mark ``application`` as withdrawn by the person."""

    def __init__(self, application: Application) -> None:
        super().__init__()
        self.application = application


class QuietOfferShown(Message):
    """Interviews offered ``application`` (no news for a while) on ``day``: it is not offered again."""

    def __init__(self, application: Application, day: date) -> None:
        super().__init__()
        self.application = application
        self.day = day


class QuietAnswered(Message):
    """The answer to the quiet offer: ``ghosted`` marks it so, ``follow_up`` asks for a day."""

    def __init__(self, application: Application, answer: str) -> None:
        super().__init__()
        self.application = application
        self.answer = answer


# --------------------------------------------------------------------------- the weekly review


class WriteWeekNote(Message):
    """Open the form for what to keep and what to try in the week starting ``week``.

    ``note`` is that week's note as the review showed it (None when none was written);
    ``label`` names the days reviewed ('Mon 23 Nov – Sun 29 Nov 2026'), for the form.
    """

    def __init__(self, week: date, note: WeekNote | None, label: str) -> None:
        super().__init__()
        self.week = week
        self.note = note
        self.label = label
