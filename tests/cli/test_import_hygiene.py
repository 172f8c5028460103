"""The core modules and the quick command paths never import Textual or Rich.

Each check runs in a fresh interpreter, because this test process may already
have imported Textual for other tests. The quick commands answer from a shell
prompt or an SSH login banner; importing Textual would cost about half a second.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

UI_PACKAGES = ("textual", "rich")

PROBE = textwrap.dedent(
    """
    import json, sys
    commands = json.loads(sys.argv[1])
    codes = []
    for args in commands:
        from rebound_tui.cli import main as cli
        codes.append(cli.cli.main(args, prog_name="rebound-tui", standalone_mode=False))
    roots = sorted({name.split(".")[0] for name in sys.modules})
    print(json.dumps({"codes": codes, "roots": roots, "modules": sorted(sys.modules)}))
    """
)


def _probe(commands: list[list[str]]) -> dict[str, object]:
    """Run CLI commands in one fresh interpreter; return exit codes and what was imported."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(commands)],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env={"PATH": "/usr/bin:/bin", "HOME": "/nonexistent"},
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def test_core_modules_import_no_ui() -> None:
    """Importing models, store, metrics, quick, cli, dates, doctor, paths and tips pulls in no UI package."""
    script = textwrap.dedent(
        """
        import sys
        import rebound_tui.core.models, rebound_tui.core.metrics
        import rebound_tui.core.dates, rebound_tui.core.tips
        import rebound_tui.storage.store, rebound_tui.storage.quick, rebound_tui.storage.doctor
        import rebound_tui.storage.paths, rebound_tui.storage.transaction, rebound_tui.cli.main
        print(" ".join(sorted({name.split(".")[0] for name in sys.modules})))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    roots = set(done.stdout.split())
    assert "rebound_tui" in roots and "tinydb" in roots, "the probe really imported the package"
    for package in UI_PACKAGES:
        assert package not in roots, f"a core module imports {package}"


def test_interview_tip_and_doctor_paths_import_no_ui(tmp_path: Path) -> None:
    """Running interview add/list/update, tip and doctor leaves Textual and Rich unimported."""
    data = str(tmp_path / "data")
    base = ["--data-dir", data]
    result = _probe(
        [
            [
                *base,
                "interview",
                "add",
                "-c",
                "Acme",
                "-r",
                "SRE",
                "-s",
                "phone screen",
                "--date",
                "yesterday 3pm",
            ],
            [*base, "interview", "list"],
            [*base, "interview", "list", "--json"],
            [*base, "interview", "update", "0", "-o", "nonsense"],  # an error path, exit 2
            [*base, "tip"],
            [*base, "doctor"],
        ]
    )
    assert result["codes"] == [0, 0, 0, 2, 0, 0]
    roots = result["roots"]
    assert isinstance(roots, list)
    for package in UI_PACKAGES:
        assert package not in roots, f"a quick command imported {package}"


def test_checkin_and_status_paths_import_no_ui(tmp_path: Path) -> None:
    """``checkin 4 --note x`` then ``status``: no Textual, no Rich, and no dateutil when no date is typed."""
    base = ["--data-dir", str(tmp_path / "data")]
    result = _probe([[*base, "checkin", "4", "--note", "x"], [*base, "status"]])
    assert result["codes"] == [0, 0]
    roots = result["roots"]
    assert isinstance(roots, list)
    for package in (*UI_PACKAGES, "dateutil"):
        assert package not in roots, f"the quick check-in imported {package}"
    assert "platformdirs" not in roots, "with --data-dir the platform folder lookup is not needed"


AFTER_FIRST_FRAME = (
    "json",
    "rebound_tui.core.metrics",
    "rebound_tui.core.tips",
    "rebound_tui.storage.edits",
    "rebound_tui.storage.drafts",
    "rebound_tui.tui.milestones",
    "rebound_tui.tui.dialogs.saving",
)
"""Modules only a load, a form or a save needs: all of them come after the TUI's first frame."""


def test_the_first_frame_does_not_wait_for_later_modules() -> None:
    """Opening the app imports launch, the app and Today, but nothing only needed after the first frame."""
    script = textwrap.dedent(
        """
        import sys
        import rebound_tui.launch, rebound_tui.tui.run, rebound_tui.tui.app
        import rebound_tui.storage.paths, rebound_tui.storage.store, rebound_tui.core.clock
        print(" ".join(sorted(sys.modules)))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    loaded = set(done.stdout.split())
    assert "rebound_tui.tui.screens.today" in loaded, "the probe really imported the app"
    early = [name for name in AFTER_FIRST_FRAME if name in loaded]
    assert not early, f"imported before the first frame: {early}"
