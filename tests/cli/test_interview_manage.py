"""Managing applications from the command line: delete with rounds, archive, withdraw, edit, list.

The seeded week (the clock is Fri 27 Nov 2026; the week starts Mon 23 Nov):
Acme applied Mon 23, technical Wed 25 (rejected); Beta applied Tue 24 (pending).
By hand: this week's actions are 3 (two applications, one interview); the funnel is
applied 2 (1 went on), technical 1 (0 went on); one setback.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from rebound_tui.cli.main import Env, cli
from rebound_tui.core.models import Application, AppStatus, Outcome, Stage
from tests.storage.interop_support import FIXED, data_bytes, invoke, store_at


def _ok(data_dir: Path, *args: str) -> str:
    result = invoke(data_dir, *args)
    assert result.exit_code == 0, result.output
    return result.output


def _stats(data_dir: Path) -> dict[str, Any]:
    return json.loads(_ok(data_dir, "stats", "--json"))  # type: ignore[no-any-return]


def _funnel(stats: dict[str, Any]) -> list[tuple[str, int, int]]:
    return [(row["stage"], row["reached"], row["went_on"]) for row in stats["funnel"]]


def _app_id(data_dir: Path, company: str) -> str:
    return next(a.id for a in store_at(data_dir).snapshot().applications if a.company == company)


@pytest.fixture
def week(tmp_path: Path) -> Path:
    _ok(tmp_path, "interview", "add", "-c", "Acme", "-r", "Dev", "-s", "applied", "--date", "2026-11-23")
    _ok(tmp_path, "interview", "add", "-c", "Acme", "-r", "Dev", "-s", "technical", "--date", "2026-11-25",
        "-o", "rejected")  # fmt: skip
    _ok(tmp_path, "interview", "add", "-c", "Beta", "-r", "Ops", "-s", "applied", "--date", "2026-11-24")
    return tmp_path


def test_the_seeded_week_has_the_hand_computed_figures(week: Path) -> None:
    """Three actions, funnel applied 2/1 and technical 1/0, one setback: the baseline for the others."""
    stats = _stats(week)
    assert stats["momentum"]["this_week_actions"] == 3
    assert _funnel(stats) == [("applied", 2, 1), ("technical", 1, 0)]
    assert len(stats["setbacks"]) == 1


def test_delete_application_takes_its_rounds_and_leaves_every_figure(week: Path) -> None:
    """Deleting Acme (2 rounds) leaves 1 action, funnel applied 1/0, no setback; three tombstones."""
    acme = _app_id(week, "Acme")
    out = _ok(week, "interview", "delete-application", acme[:8], "--yes")
    assert "Deleted Acme (Dev) and 2 rounds." in out
    snap = store_at(week).snapshot()
    assert [a.company for a in snap.applications] == ["Beta"]
    assert all(r.application_id != acme for r in snap.rounds)
    assert {t.kind for t in snap.tombstones} == {"applications", "rounds"} and len(snap.tombstones) == 3
    stats = _stats(week)
    assert stats["momentum"]["this_week_actions"] == 1
    assert _funnel(stats) == [("applied", 1, 0)]
    assert stats["setbacks"] == []
    assert "Acme" not in _ok(week, "interview", "list")


def test_delete_application_asks_first_and_no_keeps_everything(week: Path) -> None:
    """Without --yes it asks; answering no writes nothing."""
    before = data_bytes(week)
    args = ["interview", "delete-application", _app_id(week, "Acme")[:8]]
    result = CliRunner().invoke(cli, args, input="n\n", obj=Env(data_dir=str(week), clock=lambda: FIXED))
    assert result.exit_code == 0, result.output
    assert "Delete Acme (Dev) and 2 rounds?" in result.output
    assert "Nothing was deleted." in result.output
    assert data_bytes(week) == before


def test_delete_application_with_an_unknown_id_is_one_line_and_writes_nothing(week: Path) -> None:
    """An id that names no application: exit status 2, nothing written."""
    before = data_bytes(week)
    result = invoke(week, "interview", "delete-application", "ffffffff", "--yes")
    assert result.exit_code == 2
    assert data_bytes(week) == before


def test_archive_keeps_the_figures_and_leaves_the_list(week: Path) -> None:
    """An archived application still counts (3 actions, same funnel) but is listed only with --archived."""
    beta = _app_id(week, "Beta")
    out = _ok(week, "interview", "archive", beta[:8])
    assert "Archived Beta (Ops)" in out
    (app,) = [a for a in store_at(week).snapshot().applications if a.id == beta]
    assert app.archived == FIXED
    stats = _stats(week)
    assert stats["momentum"]["this_week_actions"] == 3
    assert _funnel(stats) == [("applied", 2, 1), ("technical", 1, 0)]
    listed = _ok(week, "interview", "list")
    assert "Beta" not in listed and "1 archived application" in listed
    assert "Beta" in _ok(week, "interview", "list", "--archived")
    assert "archived already" in _ok(week, "interview", "archive", beta[:8])
    assert "back in the list" in _ok(week, "interview", "unarchive", beta[:8])
    assert store_at(week).snapshot().application(beta).archived is None  # type: ignore[union-attr]
    assert "Beta" in _ok(week, "interview", "list")


def test_a_new_round_for_an_archived_application_starts_a_new_one(week: Path) -> None:
    """'interview add' does not log into an archived application: it is put away."""
    beta = _app_id(week, "Beta")
    _ok(week, "interview", "archive", beta)
    _ok(week, "interview", "add", "-c", "Beta", "-r", "Ops", "-s", "phone screen", "--date", "2026-11-26")
    snap = store_at(week).snapshot()
    assert len([a for a in snap.applications if a.company == "Beta"]) == 2
    assert len(snap.rounds_of(beta)) == 1


def test_withdraw_sets_a_pending_latest_round_and_keeps_the_figures(week: Path) -> None:
    """Beta's pending 'applied' round becomes 'withdrew': no new round, the figures stay as they were."""
    beta = _app_id(week, "Beta")
    out = _ok(week, "interview", "withdraw", beta[:8])
    assert "Withdrew from Beta (Ops) (its applied round" in out
    snap = store_at(week).snapshot()
    (rnd,) = snap.rounds_of(beta)
    assert rnd.outcome is Outcome.WITHDREW and snap.status_of(beta) is AppStatus.WITHDRAWN
    stats = _stats(week)
    assert stats["momentum"]["this_week_actions"] == 3
    assert _funnel(stats) == [("applied", 2, 1), ("technical", 1, 0)]
    assert "withdrawn already" in _ok(week, "interview", "withdraw", beta[:8])
    assert "[withdrawn]" in _ok(week, "interview", "list", "--status", "withdrawn")


def test_withdraw_after_an_outcome_adds_a_closing_round_that_counts_nothing(tmp_path: Path) -> None:
    """The latest round 'advanced' stays as it is; a closing 'applied' round dated now adds no action
    and no stage: 2 actions (application Mon 23, phone screen Tue 24) before and after."""
    _ok(tmp_path, "interview", "add", "-c", "Acme", "-r", "Dev", "-s", "applied", "--date", "2026-11-23",
        "-o", "advanced")  # fmt: skip
    _ok(tmp_path, "interview", "add", "-c", "Acme", "-r", "Dev", "-s", "phone", "--date", "2026-11-24",
        "-o", "advanced")  # fmt: skip
    before = _stats(tmp_path)
    assert before["momentum"]["this_week_actions"] == 2
    acme = _app_id(tmp_path, "Acme")
    assert "with a closing round" in _ok(tmp_path, "interview", "withdraw", acme)
    snap = store_at(tmp_path).snapshot()
    rounds = snap.rounds_of(acme)
    assert [(r.stage, r.outcome) for r in rounds] == [
        (Stage.APPLIED, Outcome.ADVANCED),
        (Stage.PHONE_SCREEN, Outcome.ADVANCED),
        (Stage.APPLIED, Outcome.WITHDREW),
    ]
    assert snap.status_of(acme) is AppStatus.WITHDRAWN
    after = _stats(tmp_path)
    assert after["momentum"] == before["momentum"]
    assert after["funnel"] == before["funnel"]
    assert after["insights"] == before["insights"]


def test_edit_application_changes_only_what_is_given(week: Path) -> None:
    """Note, link, contact and the applied day change; company and role stay; list shows them as text."""
    beta = _app_id(week, "Beta")
    _ok(week, "interview", "edit-application", beta[:8], "--note", "Met at a meetup",
        "--link", "[bold]https://example.com/job", "--contact", "=Ana Ruiz",
        "--applied-on", "2026-11-20")  # fmt: skip
    app = store_at(week).snapshot().application(beta)
    assert app is not None
    assert (app.company, app.role, app.note) == ("Beta", "Ops", "Met at a meetup")
    assert (app.link, app.contact, app.applied_on) == (
        "[bold]https://example.com/job",
        "=Ana Ruiz",
        date(2026, 11, 20),
    )
    listed = _ok(week, "interview", "list")
    assert "link: [bold]https://example.com/job" in listed and "contact: =Ana Ruiz" in listed
    _ok(week, "interview", "edit-application", beta[:8], "--link", "")
    assert store_at(week).snapshot().application(beta).link == ""  # type: ignore[union-attr]


def test_edit_application_without_options_or_with_a_bad_date_writes_nothing(week: Path) -> None:
    """Nothing to change, or an unreadable day: one line, exit status 2, the file untouched."""
    beta = _app_id(week, "Beta")
    before = data_bytes(week)
    assert invoke(week, "interview", "edit-application", beta).exit_code == 2
    bad = invoke(week, "interview", "edit-application", beta, "--applied-on", "someday soon")
    assert bad.exit_code == 2 and "applied-on date" in bad.output
    assert data_bytes(week) == before


def test_add_takes_note_link_and_contact_for_a_new_application(tmp_path: Path) -> None:
    """`interview add --note --link --contact` keeps them on the application it creates."""
    _ok(tmp_path, "interview", "add", "-c", "Gamma", "-r", "SRE", "-s", "applied",
        "--note", "Remote", "--link", "https://gamma.example/jobs/1", "--contact", "Sam")  # fmt: skip
    (app,) = store_at(tmp_path).snapshot().applications
    assert (app.note, app.link, app.contact) == ("Remote", "https://gamma.example/jobs/1", "Sam")


def test_list_is_sorted_by_latest_activity_and_shows_the_next_step(tmp_path: Path) -> None:
    """Typed in last but applied earliest comes last; a round still to come is the next step."""
    _ok(tmp_path, "interview", "add", "-c", "Late", "-r", "Dev", "-s", "applied", "--date", "2026-11-25")
    _ok(tmp_path, "interview", "add", "-c", "Soon", "-r", "Dev", "-s", "technical", "--date", "2026-11-30")
    _ok(tmp_path, "interview", "add", "-c", "Early", "-r", "Dev", "-s", "applied", "--date", "2026-11-02",
        "--follow-up", "2026-12-03")  # fmt: skip
    listed = _ok(tmp_path, "interview", "list")
    assert listed.index("Soon") < listed.index("Late") < listed.index("Early")
    assert "next: technical Mon 30 Nov" in listed
    assert "next: follow up Thu 3 Dec" in listed
    rows = json.loads(_ok(tmp_path, "interview", "list", "--json"))
    assert [r["company"] for r in rows] == ["Soon", "Late", "Early"]
    assert rows[0]["next_step"] == {"day": "2026-11-30", "what": "technical"}
    assert rows[1]["next_step"] is None and rows[1]["latest_activity"] == "2026-11-25"


def test_everything_archived_says_how_to_see_them(week: Path) -> None:
    """When every application is archived the list says so, kindly, instead of 'no applications yet'."""
    for company in ("Acme", "Beta"):
        _ok(week, "interview", "archive", _app_id(week, company))
    assert "Every application is archived" in _ok(week, "interview", "list")
    assert isinstance(store_at(week).snapshot().applications[0], Application)
