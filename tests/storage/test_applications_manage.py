"""Managing an application in the store: deletion with its rounds through merges, archive, closing."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from rebound_tui.core.models import Application, Outcome, Round, Stage
from rebound_tui.storage.applications import (
    close_application,
    delete_application,
    note_quiet_offer,
    restore_deleted,
    set_archived,
    set_follow_up,
)
from tests.storage.interop_support import FIXED, data_bytes, invoke, store_at


def _acme(data_dir: Path) -> tuple[Application, Round]:
    app = Application.new("Acme", "Dev", applied_on=date(2026, 11, 2), now=FIXED - timedelta(days=20))
    rnd = Round.new(app.id, Stage.APPLIED, when=FIXED - timedelta(days=20), now=FIXED - timedelta(days=20))
    store_at(data_dir).add_many([app, rnd])
    return app, rnd


def test_a_merge_that_brings_a_round_for_an_application_deleted_here_keeps_it_deleted(tmp_path: Path) -> None:
    """The remote logged a new round for Acme after the laptop deleted Acme: merging the remote's file
    brings back neither the application, its old round nor the new one, and says it skipped them."""
    laptop, remote = tmp_path / "laptop", tmp_path / "remote"
    app, first = _acme(laptop)
    store_at(remote).add_many([app, first])
    later = Round.new(app.id, Stage.TECHNICAL, when=FIXED, now=FIXED + timedelta(hours=1))
    store_at(remote, FIXED + timedelta(hours=1)).add(later)
    assert invoke(laptop, "interview", "delete-application", app.id, "--yes").exit_code == 0
    result = invoke(laptop, "merge", str(remote / "rebound.json"))
    assert result.exit_code == 0, result.output
    assert "(3 skipped because you deleted them here.)" in result.stdout
    merged = store_at(laptop).snapshot()
    assert merged.applications == () and merged.rounds == ()
    assert {t.id for t in merged.tombstones} == {app.id, first.id}
    assert invoke(laptop, "stats", "--json").stdout.count('"reached"') == 0  # no funnel at all


def test_an_import_of_an_export_holding_the_deleted_application_keeps_it_deleted(tmp_path: Path) -> None:
    """The same through 'import' of a JSON export taken before the deletion, with a round added since."""
    laptop, remote = tmp_path / "laptop", tmp_path / "remote"
    app, first = _acme(laptop)
    store_at(remote).add_many([app, first, Round.new(app.id, Stage.ONSITE, when=FIXED, now=FIXED)])
    exported = tmp_path / "remote.json"
    assert invoke(remote, "export", "--format", "json", "-o", str(exported)).exit_code == 0
    assert invoke(laptop, "interview", "delete-application", app.id[:8], "--yes").exit_code == 0
    before = store_at(laptop).snapshot()
    result = invoke(laptop, "import", str(exported))
    assert result.exit_code == 0, result.output
    after = store_at(laptop).snapshot()
    assert after.applications == () and after.rounds == ()
    assert after.tombstones == before.tombstones


def test_the_deletion_reaches_the_other_machine_with_the_round_it_logged(tmp_path: Path) -> None:
    """Merging the laptop (which deleted Acme) into the remote deletes Acme there with every round,
    the one only the remote knew included (deleting an application takes its rounds)."""
    laptop, remote = tmp_path / "laptop", tmp_path / "remote"
    app, first = _acme(laptop)
    store_at(remote).add_many([app, first])
    only_there = Round.new(
        app.id, Stage.TECHNICAL, when=FIXED - timedelta(days=1), now=FIXED - timedelta(days=1)
    )
    store_at(remote, FIXED - timedelta(days=1)).add(only_there)
    assert invoke(laptop, "interview", "delete-application", app.id, "--yes").exit_code == 0
    result = invoke(remote, "merge", str(laptop / "rebound.json"))
    assert result.exit_code == 0, result.output
    merged = store_at(remote).snapshot()
    assert merged.applications == () and merged.rounds == ()
    assert {t.id for t in merged.tombstones} == {app.id, first.id, only_there.id}


def test_archive_and_unarchive(tmp_path: Path) -> None:
    """Archived at the time of the save; again changes nothing and writes nothing; unarchive clears it."""
    app, _ = _acme(tmp_path)
    store = store_at(tmp_path)
    saved, changed = set_archived(store, app.id[:8], True)
    assert changed and saved.archived == FIXED and saved.updated == FIXED
    before = data_bytes(tmp_path)
    assert set_archived(store, app.id, True)[1] is False
    assert data_bytes(tmp_path) == before
    saved, changed = set_archived(store, app.id, False)
    assert changed and saved.archived is None
    assert store.snapshot().application(app.id).archived is None  # type: ignore[union-attr]


def test_close_application_uses_the_rounds_on_disk_now(tmp_path: Path) -> None:
    """A round logged by another process after the caller read the data is the one closed."""
    app, first = _acme(tmp_path)
    newer = Round.new(app.id, Stage.PHONE_SCREEN, when=FIXED - timedelta(days=1), now=FIXED)
    store_at(tmp_path).add(newer)  # "another process"
    plan = close_application(store_at(tmp_path), app.id, Outcome.WITHDREW)
    assert plan.round.id == newer.id and not plan.new_round
    snap = store_at(tmp_path).snapshot()
    outcomes = {r.id: r.outcome for r in snap.rounds}
    assert outcomes == {first.id: Outcome.PENDING, newer.id: Outcome.WITHDREW}


def test_set_follow_up_on_an_application_without_rounds(tmp_path: Path) -> None:
    """An application with no round gets an 'applied' round on its own day carrying the follow-up."""
    app = Application.new("Beta", "Ops", applied_on=date(2026, 11, 4), now=FIXED)
    store_at(tmp_path).add(app)
    rnd = set_follow_up(store_at(tmp_path), app.id, date(2026, 12, 1))
    (saved,) = store_at(tmp_path).snapshot().rounds
    assert saved.id == rnd.id and saved.day == date(2026, 11, 4) and saved.follow_up == date(2026, 12, 1)


def test_the_quiet_offer_is_noted_once(tmp_path: Path) -> None:
    """Noted on the day shown; a second note writes nothing; a deleted application is left alone."""
    app, _ = _acme(tmp_path)
    store = store_at(tmp_path)
    assert note_quiet_offer(store, app.id, date(2026, 11, 27))
    assert store.snapshot().application(app.id).quiet_offer_made == date(2026, 11, 27)  # type: ignore[union-attr]
    before = data_bytes(tmp_path)
    assert not note_quiet_offer(store, app.id, date(2026, 11, 28))
    assert data_bytes(tmp_path) == before
    store.delete(Application, app.id)
    assert not note_quiet_offer(store, app.id, date(2026, 11, 28))


def test_delete_application_then_restore_deleted_puts_back_exactly_what_went(tmp_path: Path) -> None:
    """The deletion leaves three tombstones; the restore brings all three records back, tombstones gone,
    and refuses (writing nothing) once one of them is back by another way."""
    app, first = _acme(tmp_path)
    second = Round.new(app.id, Stage.TECHNICAL, when=FIXED - timedelta(days=2), now=FIXED)
    store_at(tmp_path).add(second)
    store = store_at(tmp_path)
    gone_app, gone_rounds = delete_application(store, app.id[:8])
    assert gone_app == app and {r.id for r in gone_rounds} == {first.id, second.id}
    snap = store.snapshot()
    assert snap.applications == () and snap.rounds == () and len(snap.tombstones) == 3
    assert restore_deleted(store, [gone_app, *gone_rounds])
    snap = store.snapshot()
    assert [a.id for a in snap.applications] == [app.id] and len(snap.rounds) == 2 and snap.tombstones == ()
    before = data_bytes(tmp_path)
    assert not restore_deleted(store, [gone_app, *gone_rounds])
    assert data_bytes(tmp_path) == before


def test_link_and_contact_are_sanitised_in_exports_like_other_text(tmp_path: Path) -> None:
    """A link or contact that looks like a formula is quoted in the CSV export; JSON carries it exactly."""
    app = Application.new("Acme", "Dev", link='=HYPERLINK("http://x")', contact="@Sam", now=FIXED)
    store_at(tmp_path / "data").add(app)
    out = tmp_path / "csv"
    assert invoke(tmp_path / "data", "export", "--format", "csv", "-o", str(out)).exit_code == 0
    text = (out / "applications.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and ",'@Sam," in text
    exported = tmp_path / "all.json"
    assert invoke(tmp_path / "data", "export", "--format", "json", "-o", str(exported)).exit_code == 0
    back = store_at(tmp_path / "again")
    assert invoke(tmp_path / "again", "import", str(exported)).exit_code == 0
    (again,) = back.snapshot().applications
    assert (again.link, again.contact) == ('=HYPERLINK("http://x")', "@Sam")
