"""Tests for merges: unions, conflicts, deletions both ways, settings, dry runs, the plan itself."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from rebound_tui.core.models import Application, CheckIn, Round, Settings, Snapshot, Tombstone
from rebound_tui.storage import interop
from rebound_tui.storage.interop import Incoming
from rebound_tui.storage.interop.merge import plan_merge
from tests.storage.interop_support import FIXED, as_dicts, checkin, data_bytes, invoke, store_at


def _two_machines(tmp_path: Path) -> tuple[Path, Path, list[CheckIn]]:
    """A laptop and a remote box that both hold the same three check-ins."""
    laptop, remote = tmp_path / "laptop", tmp_path / "remote"
    shared = [checkin(d, note=f"day {d}") for d in (10, 11, 12)]
    store_at(laptop).add_many(list(shared))
    store_at(remote).add_many(list(shared))
    return laptop, remote, shared


def test_merge_of_disjoint_stores_takes_the_union(tmp_path: Path) -> None:
    """Records only the other machine has are added; nothing of ours is lost."""
    laptop, remote = tmp_path / "laptop", tmp_path / "remote"
    mine = [checkin(1), checkin(2)]
    theirs = [checkin(3), checkin(4), checkin(5)]
    app = Application.new("Fernway", "SRE", now=FIXED)
    store_at(laptop).add_many(list(mine))
    store_at(remote).add_many([*theirs, app, Round.new(app.id, "phone screen", now=FIXED)])
    result = invoke(laptop, "merge", str(remote / "rebound.json"))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"Merged {remote / 'rebound.json'}: added 3 check-ins, 1 application, 1 interview round.\n"
    )
    merged = store_at(laptop).snapshot()
    assert {c.id for c in merged.checkins} == {c.id for c in mine + theirs}
    assert [r.application_id for r in merged.rounds] == [app.id]


def test_merge_of_overlapping_stores_keeps_shared_records_once(tmp_path: Path) -> None:
    """Records both machines hold, unchanged, are left alone and counted."""
    laptop, remote, shared = _two_machines(tmp_path)
    extra = checkin(13)
    store_at(remote).add(extra)
    result = invoke(laptop, "merge", str(remote))  # the data folder works too
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Merged {remote / 'rebound.json'}: added 1 check-in.",
        "(3 already here.)",
    ]
    assert [c.id for c in store_at(laptop).snapshot().checkins] == [*(c.id for c in shared), extra.id]


def test_merge_conflict_keeps_the_newer_edit_and_reports_it(tmp_path: Path) -> None:
    """A record edited on both machines keeps the later edit, whichever way round the merge runs."""
    laptop, remote, shared = _two_machines(tmp_path)
    target = shared[0]
    early, late = FIXED - timedelta(hours=2), FIXED - timedelta(hours=1)
    store_at(laptop).update(CheckIn, target.id, lambda c: c.touched(early, note="edited on the laptop"))
    store_at(remote).update(CheckIn, target.id, lambda c: c.touched(late, note="edited on the remote box"))

    result = invoke(laptop, "merge", str(remote / "rebound.json"))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert (
        lines[0] == f"Merged {remote / 'rebound.json'}: updated 1 check-in with more recently edited copies."
    )
    assert (
        lines[2] == "1 record differs between the two copies; the more recently edited copy of each was kept:"
    )
    assert lines[3].startswith(f"  check-in {target.id[:8]} (2026-11-10 09:00, mood 3): took the copy from")
    assert store_at(laptop).get(CheckIn, target.id).note == "edited on the remote box"

    # The other way round, the remote box keeps its own (newer) copy and says so.
    store_at(tmp_path / "old").add_many(list(shared))
    store_at(tmp_path / "old").update(CheckIn, target.id, lambda c: c.touched(early, note="older edit"))
    result = invoke(remote, "merge", str(tmp_path / "old" / "rebound.json"))
    assert result.exit_code == 0, result.output
    assert "kept the copy here (edited 2026-11-27 08:00; there 2026-11-27 07:00)" in result.stdout
    assert store_at(remote).get(CheckIn, target.id).note == "edited on the remote box"


def test_merging_twice_changes_nothing(tmp_path: Path) -> None:
    """After one merge, merging the same file again leaves every byte of the store as it was."""
    laptop, remote, shared = _two_machines(tmp_path)
    store_at(remote).add(checkin(14))
    store_at(remote, FIXED + timedelta(minutes=5)).update(
        CheckIn, shared[1].id, lambda c: c.touched(FIXED + timedelta(minutes=5), mood=5)
    )
    store_at(remote).delete(CheckIn, shared[2].id)
    first = invoke(laptop, "merge", str(remote / "rebound.json"))
    assert first.exit_code == 0, first.output
    before = data_bytes(laptop)
    second = invoke(laptop, "merge", str(remote / "rebound.json"))
    assert second.exit_code == 0, second.output
    assert second.stdout.startswith(f"Nothing to merge from {remote / 'rebound.json'}")
    assert data_bytes(laptop) == before


def test_merge_never_brings_back_a_record_deleted_here(tmp_path: Path) -> None:
    """A record with a tombstone here stays deleted, however new the other machine's copy is."""
    laptop, remote, shared = _two_machines(tmp_path)
    store_at(laptop).delete(CheckIn, shared[0].id)
    later = FIXED + timedelta(days=1)
    store_at(remote, later).update(CheckIn, shared[0].id, lambda c: c.touched(later, note="edited later"))
    result = invoke(laptop, "merge", str(remote / "rebound.json"))
    assert result.exit_code == 0, result.output
    assert "1 skipped because you deleted it here" in result.stdout
    assert shared[0].id not in {c.id for c in store_at(laptop).snapshot().checkins}


def test_merge_applies_a_deletion_made_on_the_other_machine(tmp_path: Path) -> None:
    """A tombstone newer than our last edit deletes the record here (an application takes its rounds)."""
    laptop, remote, shared = _two_machines(tmp_path)
    app = Application.new("Copperleaf", "Data Engineer", now=FIXED - timedelta(days=3))
    rnd = Round.new(app.id, "technical", now=FIXED - timedelta(days=3))
    store_at(laptop).add_many([app, rnd])
    store_at(remote).add_many([app])  # the remote never saw the round
    store_at(remote).delete(CheckIn, shared[1].id)
    store_at(remote).delete(Application, app.id)
    result = invoke(laptop, "merge", str(remote / "rebound.json"))
    assert result.exit_code == 0, result.output
    assert "deleted 3 records deleted there after their last edit here" in result.stdout
    merged = store_at(laptop).snapshot()
    assert shared[1].id not in {c.id for c in merged.checkins}
    assert merged.applications == () and merged.rounds == ()
    assert {t.id for t in merged.tombstones} == {shared[1].id, app.id, rnd.id}


def test_merge_keeps_a_record_edited_after_it_was_deleted_elsewhere(tmp_path: Path) -> None:
    """Deleted there, but edited here afterwards: the edit wins and the conflict is reported."""
    laptop, remote, shared = _two_machines(tmp_path)
    store_at(remote, FIXED).delete(CheckIn, shared[0].id)
    later = FIXED + timedelta(hours=3)
    store_at(laptop, later).update(CheckIn, shared[0].id, lambda c: c.touched(later, note="still matters"))
    result = invoke(laptop, "merge", str(remote / "rebound.json"))
    assert result.exit_code == 0, result.output
    assert (
        "kept here: edited 2026-11-27 12:00, after it was deleted there (2026-11-27 09:00)" in result.stdout
    )
    assert store_at(laptop).get(CheckIn, shared[0].id).note == "still matters"


def test_merge_takes_the_newer_settings(tmp_path: Path) -> None:
    """Settings changed more recently on the other machine win; older ones do not."""
    laptop, remote, _ = _two_machines(tmp_path)
    store_at(laptop, FIXED).save_settings(Settings(weekly_target=4))
    store_at(remote, FIXED + timedelta(hours=1)).save_settings(
        Settings(weekly_target=6, theme="rebound-contrast")
    )
    result = invoke(laptop, "merge", str(remote / "rebound.json"))
    assert "took the more recently changed settings" in result.stdout
    assert store_at(laptop).snapshot().settings.weekly_target == 6
    result = invoke(remote, "merge", str(tmp_path / "laptop" / "rebound.json"))
    assert result.stdout.startswith("Nothing to merge")


def test_merges_in_both_directions_agree(tmp_path: Path) -> None:
    """Merging A into B and B into A leaves both machines with the same records, deletions and settings."""
    laptop, remote, shared = _two_machines(tmp_path)
    store_at(laptop).add(checkin(20))
    store_at(remote).add(checkin(21))
    tie = FIXED + timedelta(hours=1)
    store_at(laptop, tie).update(CheckIn, shared[0].id, lambda c: c.touched(tie, note="same moment, laptop"))
    store_at(remote, tie).update(CheckIn, shared[0].id, lambda c: c.touched(tie, note="same moment, remote"))
    store_at(remote).delete(CheckIn, shared[2].id)
    store_at(laptop, tie).save_settings(Settings(weekly_target=7))
    copy = tmp_path / "laptop-before.json"
    copy.write_bytes((laptop / "rebound.json").read_bytes())
    assert invoke(laptop, "merge", str(remote / "rebound.json")).exit_code == 0
    assert invoke(remote, "merge", str(copy)).exit_code == 0
    assert as_dicts(store_at(laptop).snapshot()) == as_dicts(store_at(remote).snapshot())


def test_merge_dry_run_writes_nothing(tmp_path: Path) -> None:
    """merge --dry-run lists what would change and leaves the store's bytes alone."""
    laptop, remote, _ = _two_machines(tmp_path)
    store_at(remote).add(checkin(22))
    before = data_bytes(laptop)
    result = invoke(laptop, "merge", "--dry-run", str(remote / "rebound.json"))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:2] == [
        f"Dry run, nothing was written. Merging {remote / 'rebound.json'} would:",
        "  add 1 check-in",
    ]
    assert data_bytes(laptop) == before


def test_merge_refuses_a_round_without_its_application(tmp_path: Path) -> None:
    """A round whose application is nowhere is an error naming its line; nothing is written."""
    app = Application.new("Ironbark", "SRE", now=FIXED)
    rnd = Round.new(app.id, "onsite", now=FIXED)
    text = interop.export_json(Snapshot(rounds=(rnd,)))
    (tmp_path / "orphan.json").write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.split("\n"), 1) if rnd.id in row)
    store_at(tmp_path / "b").add(checkin(20))
    before = data_bytes(tmp_path / "b")
    result = invoke(tmp_path / "b", "merge", str(tmp_path / "orphan.json"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"rebound-tui: {tmp_path / 'orphan.json'} line {line}: interview round {rnd.id[:8]} belongs to "
        f"application {app.id[:8]}, which is neither in this file nor in your data\n"
    )
    assert data_bytes(tmp_path / "b") == before


def test_plan_merge_counts_each_outcome() -> None:
    """plan_merge sorts records into added, updated, conflicts, unchanged and skipped_deleted."""
    same, edited, deleted_here, new = checkin(1), checkin(2), checkin(3), checkin(4)
    current = Snapshot(
        checkins=(same, edited),
        tombstones=(Tombstone(deleted_here.id, CheckIn.KIND, FIXED),),
    )
    newer = replace(edited, note="newer", updated=FIXED + timedelta(days=1))
    plan = plan_merge(current, Incoming("x.json", (same, newer, deleted_here, new)))
    assert plan.added == [new]
    assert plan.updated == [newer]
    assert [c.id for c in plan.conflicts] == [edited.id] and plan.conflicts[0].took_theirs
    assert plan.unchanged == 1
    assert plan.skipped_deleted == [deleted_here]
    assert plan.changes
