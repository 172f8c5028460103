"""What the interop tests share: a frozen clock, awkward text, a seeded store, the CLI runner."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from click.testing import CliRunner, Result

from rebound_tui.cli.main import Env, cli
from rebound_tui.core.models import Application, CheckIn, Settings, Snapshot
from rebound_tui.core.sample_data import generate
from rebound_tui.storage import interop
from rebound_tui.storage.store import Store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "daylio"
TZ = timezone(timedelta(hours=1))
FIXED = datetime(2026, 11, 27, 9, 0, tzinfo=TZ)
TRICKY = (
    'Commas, "quotes" and\nnew lines',
    "Unicode: café — 面接 ✓ 🙂",
    "Windows line\r\nend and a lone\rreturn",
    "  leading and trailing spaces  ",
    "tab\there, a|pipe; semi,colon",
    "line\u2028separator and \\ backslash",
    "",
    '"',
    "=1+2 looks like a formula",
)


def invoke(data_dir: Path, *args: str) -> Result:
    """Run the CLI against ``data_dir`` with the clock frozen at FIXED."""
    return CliRunner().invoke(cli, list(args), obj=Env(data_dir=str(data_dir), clock=lambda: FIXED))


def store_at(data_dir: Path, moment: datetime = FIXED) -> Store:
    return Store(data_dir, clock=lambda: moment)


def data_bytes(data_dir: Path) -> dict[str, bytes]:
    """Every file under the data folder, by relative path (to prove nothing was written)."""
    if not data_dir.exists():
        return {}
    return {str(p.relative_to(data_dir)): p.read_bytes() for p in sorted(data_dir.rglob("*")) if p.is_file()}


def seed(data_dir: Path) -> Store:
    """A store with awkward text everywhere, settings, and deletions (tombstones)."""
    store = store_at(data_dir)
    sample = generate(days=40, rounds=12, end=date(2026, 11, 20))
    checkins = [replace(c, note=TRICKY[i % len(TRICKY)]) for i, c in enumerate(sample.checkins)]
    apps = list(sample.applications)
    apps[0] = replace(apps[0], company='Smith, Jones & "Co"', note="Referral from Ana,\nvia a friend 🙂")
    rounds = [
        replace(
            r,
            feedback=TRICKY[i % len(TRICKY)],
            lesson=TRICKY[(i + 3) % len(TRICKY)],
            follow_up=date(2026, 12, 1) if i % 3 == 0 else None,
        )
        for i, r in enumerate(sample.rounds)
    ]
    rests = [replace(r, note='Family visit, "off-grid"\nback Monday') for r in sample.rest_days]
    store.add_many([*checkins, *apps, *rounds, *rests])
    store.save_settings(Settings(weekly_target=5, theme="rebound-light", first_day_of_week=6))
    store.delete(CheckIn, checkins[3].id)
    store.delete(Application, apps[-1].id)  # takes its rounds along
    return store


def checkin(day: int, *, note: str = "", updated: datetime | None = None, mood: int = 3) -> CheckIn:
    moment = datetime(2026, 11, day, 9, 0, tzinfo=TZ)
    return CheckIn(
        id=CheckIn.new(3).id,
        created=moment,
        updated=updated or moment,
        timestamp=moment,
        mood=mood,
        note=note,
    )


def as_dicts(snapshot: Snapshot) -> dict[str, object]:
    return {
        "records": sorted((r.to_dict() for r in interop.records_of(snapshot)), key=lambda d: str(d["id"])),
        "tombstones": sorted((t.id, t.kind, t.deleted.isoformat()) for t in snapshot.tombstones),
        "settings": snapshot.settings.to_doc(),
    }
