"""Merging: decide record by record (by UUID) what an import or merge adds, replaces, deletes or leaves.

``plan_merge`` compares what came in with what is here; ``merge_into_store``
applies that plan inside one store transaction, so an import is all or nothing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from rebound_tui.core.models import Application, CheckIn, Round, Settings, Snapshot, Tombstone, WeekNote
from rebound_tui.storage.interop.common import KINDS, AnyRecord, Incoming, records_of
from rebound_tui.storage.store import Store
from rebound_tui.storage.transaction import Transaction


@dataclass(frozen=True)
class Conflict:
    """A record present on both sides with different contents; the newer edit wins."""

    kind: str
    id: str
    label: str
    ours: datetime
    theirs: datetime
    took_theirs: bool
    deleted_there: bool = False
    """The other side deleted it, but it was edited here after that: it stays."""


@dataclass
class MergePlan:
    """What a merge or import would do; :func:`apply_plan` does it.

    Attributes:
        added: records that are new here.
        updated: records here replaced by a more recently edited copy.
        deletions: records here that the other side deleted after their last edit here.
        tombstones: deletions to remember (those in ``deletions`` and others new to this store).
        conflicts: records that differ on both sides, and which copy won.
        unchanged: records already here exactly as they are.
        skipped_deleted: records deleted here, which a merge must not bring back.
        settings: the other side's settings, when they were changed more recently.
    """

    source: str
    added: list[AnyRecord] = field(default_factory=list)
    updated: list[AnyRecord] = field(default_factory=list)
    deletions: list[Tombstone] = field(default_factory=list)
    tombstones: list[Tombstone] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    unchanged: int = 0
    skipped_deleted: list[AnyRecord] = field(default_factory=list)
    settings: Settings | None = None

    @property
    def changes(self) -> bool:
        """True when applying the plan would write anything."""
        return bool(self.added or self.updated or self.tombstones or self.settings)


def describe(record: AnyRecord, applications: Mapping[str, Application] | None = None) -> str:
    """A short human label for a record: its kind, short id and what it is about."""
    short = record.id[:8]
    if isinstance(record, CheckIn):
        return f"check-in {short} ({record.timestamp:%Y-%m-%d %H:%M}, mood {record.mood})"
    if isinstance(record, Application):
        return f"application {short} ({record.company}, {record.role})"
    if isinstance(record, Round):
        app = (applications or {}).get(record.application_id)
        at = f" at {app.company}" if app else ""
        return f"interview round {short} ({record.stage.label}{at}, {record.when:%Y-%m-%d})"
    if isinstance(record, WeekNote):
        return f"week note {short} (week of {record.week})"
    return f"pause {short} ({record.start} to {record.end})"


def _doc_key(doc: Mapping[str, Any]) -> str:
    return json.dumps(doc, sort_keys=True, ensure_ascii=False)


def _theirs_wins(ours: AnyRecord, theirs: AnyRecord) -> bool:
    """The more recently edited copy wins; a tie goes to the larger document, so both sides agree."""
    if theirs.updated != ours.updated:
        return theirs.updated > ours.updated
    return _doc_key(theirs.to_doc()) > _doc_key(ours.to_doc())


def plan_merge(current: Snapshot, incoming: Incoming) -> MergePlan:
    """Decide, record by record (by UUID), how ``incoming`` combines with ``current``.

    Rules:
        - a record not here is added, unless this store deleted it (a tombstone):
          deleted records never come back;
        - a record here with different contents: the copy with the newer
          ``updated`` wins (a tie goes to the same copy on both machines), and the
          difference is reported as a conflict;
        - a deletion there removes the record here if it happened after the
          record's last edit here, and is remembered either way;
        - deleting an application deletes its rounds, as it does in the app;
        - the newer settings win.

    Raises:
        InteropError: an interview round whose application is in neither place.
    """
    plan = MergePlan(incoming.source)
    ours: dict[str, dict[str, AnyRecord]] = {kind: {} for kind in KINDS}
    for record in records_of(current):
        ours[record.KIND][record.id] = record
    our_tombs = {t.id for t in current.tombstones}
    their_tombs = {t.id: t for t in incoming.tombstones}
    new_tombs: dict[str, Tombstone] = {}

    for tomb in sorted(incoming.tombstones, key=lambda t: t.id):
        if tomb.id in our_tombs or tomb.id in new_tombs:
            continue
        here = ours.get(tomb.kind, {}).get(tomb.id)
        if here is None:
            new_tombs[tomb.id] = tomb
        elif tomb.deleted >= here.updated:
            new_tombs[tomb.id] = tomb
            plan.deletions.append(tomb)
            if isinstance(here, Application):
                for rnd in current.rounds:
                    if rnd.application_id == here.id and rnd.id not in our_tombs and rnd.id not in new_tombs:
                        cascade = Tombstone(rnd.id, Round.KIND, tomb.deleted)
                        new_tombs[rnd.id] = cascade
                        plan.deletions.append(cascade)
        else:
            plan.conflicts.append(
                Conflict(tomb.kind, tomb.id, describe(here), here.updated, tomb.deleted, False, True)
            )
    plan.tombstones = list(new_tombs.values())
    deleted = our_tombs | new_tombs.keys()

    apps = {a.id: a for a in current.applications}
    seen_ids: set[str] = set()
    for record in incoming.records:
        if record.id in seen_ids:
            raise incoming.error(record.id, f"id {record.id} appears twice")
        seen_ids.add(record.id)
        if isinstance(record, Application):
            apps.setdefault(record.id, record)
        if record.id in our_tombs:
            plan.skipped_deleted.append(record)
            continue
        if record.id in deleted or record.id in their_tombs:
            continue  # deleted on the other side as well; nothing to bring over
        here = ours[record.KIND].get(record.id)
        if here is None:
            plan.added.append(record)
            continue
        if here.to_doc() == record.to_doc():
            plan.unchanged += 1
            continue
        took = _theirs_wins(here, record)
        plan.conflicts.append(
            Conflict(record.KIND, record.id, describe(record, apps), here.updated, record.updated, took)
        )
        if took:
            plan.updated.append(record)

    living_apps = {a for a in ours[Application.KIND] if a not in deleted}
    living_apps |= {r.id for r in (*plan.added, *plan.updated) if isinstance(r, Application)}
    for bucket in (plan.added, plan.updated):
        for rnd in [r for r in bucket if isinstance(r, Round)]:
            if rnd.application_id in living_apps:
                continue
            if rnd.application_id in deleted:
                bucket.remove(rnd)
                plan.skipped_deleted.append(rnd)
                continue
            raise incoming.error(
                rnd.id,
                f"interview round {rnd.id[:8]} belongs to application {rnd.application_id[:8]}, "
                "which is neither in this file nor in your data",
            )

    theirs = incoming.settings
    mine = current.settings
    if theirs is not None and theirs.updated is not None and theirs.to_doc() != mine.to_doc():
        newer = mine.updated is None or theirs.updated > mine.updated
        tie_won = theirs.updated == mine.updated and _doc_key(theirs.to_doc()) > _doc_key(mine.to_doc())
        if newer or tie_won:
            plan.settings = theirs
    return plan


def apply_plan(txn: Transaction, plan: MergePlan) -> None:
    """Write a plan in a :meth:`Store.transaction` (a few bulk operations).

    Replaced records are taken out and put back whole; new ones are inserted,
    which fails (writing nothing) if one is there after all.
    """
    for kind in KINDS:
        gone = [r.id for r in plan.updated if kind == r.KIND]
        txn.remove(kind, gone + [t.id for t in plan.deletions if t.kind == kind])
    txn.insert([*plan.added, *plan.updated])
    txn.add_tombstones(plan.tombstones)
    if plan.settings is not None:
        txn.put_settings(plan.settings)


def merge_into_store(store: Store, incoming: Incoming, *, dry_run: bool = False) -> MergePlan:
    """Plan against the freshest data and, unless ``dry_run``, apply it in one locked transaction.

    Either every change is written or none is.
    """
    if dry_run:
        return plan_merge(store.snapshot(), incoming)
    with store.transaction() as txn:
        # We hold the lock, so this is the state the plan will be written over.
        plan = plan_merge(txn.snapshot(), incoming)
        apply_plan(txn, plan)
    return plan
