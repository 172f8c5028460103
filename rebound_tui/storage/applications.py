"""Managing one application inside the lock: archive, close (withdrawn, ghosted), follow up, the quiet offer.

Each function is one transaction on the records as they are on disk at that
moment (another rebound-tui may have logged a round meanwhile): the rule comes
from :mod:`rebound_tui.core.applications`, the records are read fresh inside
the lock, and ``updated`` is the time of the save. Deleting an application with
its rounds is :meth:`Store.delete <rebound_tui.storage.store.Store.delete>`, or
:func:`delete_application` when the records deleted are wanted back for an undo.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rebound_tui.core.applications import Closing, closing, follow_up_round
from rebound_tui.core.models import Application, Outcome, Record, Round, Tombstone
from rebound_tui.storage.store import Store

if TYPE_CHECKING:  # TinyDB is loaded by the first change, not by importing this module
    from rebound_tui.storage.transaction import Transaction


def _rounds_of(txn: Transaction, application_id: str) -> list[Round]:
    docs = txn.raw().get(Round.KIND, {})
    return [
        Round.from_doc(key, doc) for key, doc in docs.items() if doc.get("application_id") == application_id
    ]


def set_archived(store: Store, application_id: str, archived: bool) -> tuple[Application, bool]:
    """Archive (or bring back) an application; returns it as it is now and whether anything changed.

    An archived application leaves the list of open ones and keeps every figure.
    """
    store.resolve_id(Application.KIND, application_id)  # fail fast, before taking the lock
    with store.transaction() as txn:
        app = txn.get(Application, application_id)
        if (app.archived is not None) == archived:
            return app, False
        now = store.now()
        saved = app.touched(now, archived=now if archived else None)
        txn.put(saved)
    return saved, True


def close_application(store: Store, application_id: str, outcome: Outcome) -> Closing:
    """Close an application as withdrawn (or ghosted): see :func:`rebound_tui.core.applications.closing`."""
    store.resolve_id(Application.KIND, application_id)
    with store.transaction() as txn:
        app = txn.get(Application, application_id)
        plan = closing(app, _rounds_of(txn, app.id), outcome, store.now())
        if plan.application is not None:
            txn.put(plan.application)
        txn.put(plan.round)
    return plan


def set_follow_up(store: Store, application_id: str, day: date) -> Round:
    """Give an application a follow-up on ``day`` (on its latest round, or a first 'applied' round)."""
    store.resolve_id(Application.KIND, application_id)
    with store.transaction() as txn:
        app = txn.get(Application, application_id)
        rnd = follow_up_round(app, _rounds_of(txn, app.id), day, store.now())
        txn.put(rnd)
    return rnd


def note_quiet_offer(store: Store, application_id: str, day: date) -> bool:
    """Remember that the quiet offer was shown for this application on ``day`` (it is made once).

    Returns False (writing nothing) when it was noted already or the application is gone.
    """
    with store.transaction() as txn:
        app_doc = txn.raw().get(Application.KIND, {}).get(application_id)
        if app_doc is None or app_doc.get("quiet_offer_made"):
            return False
        app = txn.get(Application, application_id)
        txn.put(app.touched(store.now(), quiet_offer_made=day))
    return True


def delete_application(store: Store, application_id: str) -> tuple[Application, list[Round]]:
    """Delete an application with its rounds, leaving tombstones; return them as they were deleted.

    The same deletion as :meth:`Store.delete`, reading the records inside the lock, so
    an undo (:func:`restore_deleted`) puts back exactly what went, a round logged
    elsewhere a moment before included.
    """
    store.resolve_id(Application.KIND, application_id)
    with store.transaction() as txn:
        app = txn.get(Application, application_id)
        rounds = _rounds_of(txn, app.id)
        stamp = store.now()
        txn.remove(Application.KIND, [app.id])
        txn.remove(Round.KIND, [r.id for r in rounds])
        for record in (app, *rounds):
            txn.put_tombstone(Tombstone(record.id, record.KIND, stamp))
    return app, rounds


def restore_deleted(store: Store, records: list[Record]) -> bool:
    """Put back records deleted together (an application and its rounds), if all are still deleted.

    Their tombstones go and ``updated`` becomes now, so a later merge keeps the undo.
    When one of them is back already (a merge, another rebound-tui), nothing is
    written and False is returned.
    """
    with store.transaction() as txn:
        raw = txn.raw()
        if any(record.id in raw.get(record.KIND, {}) for record in records):
            return False
        now = store.now()
        for record in records:
            txn.put(record.touched(now))
            txn.drop_tombstone(record.id)
    return True
