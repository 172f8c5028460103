"""The wings keep their arrows pointing down: the import-linter contracts in pyproject.toml hold.

The contracts are the rules the README's "How the code is laid out" describes. This
test runs them, so the README's one test command checks them, and it proves once
that a broken rule is really reported (a contract that can never fail protects nothing).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    """Run lint-imports on the package found in ``root`` (its pyproject.toml and rebound_tui/)."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"},
    )


def test_the_import_contracts_are_kept() -> None:
    """Every contract in pyproject.toml is kept by the code as it is."""
    done = _lint(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("core/text.py", "import rebound_tui.storage.paths", "Arrows point down"),
        ("storage/paths.py", "import textual", "core and storage import no UI library"),
        ("tui/themes.py", "import tinydb", "Only storage imports TinyDB"),
        ("cli/context.py", "import textual.app", "reaches Textual only by opening the app"),
        ("tui/screens/today.py", "import rebound_tui.tui.app", "read what is handed down"),
        ("core/metrics/days.py", "import rebound_tui.core.metrics.score", "No import cycles"),
    ],
)
def test_a_broken_rule_is_reported(tmp_path: Path, module: str, line: str, contract: str) -> None:
    """An import against a rule, added to a copy of the package, breaks the contract that names it."""
    skip = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "rebound_tui", tmp_path / "rebound_tui", ignore=skip)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "rebound_tui" / module
    assert target.is_file(), f"{module} moved: update this test"
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    done = _lint(tmp_path)
    assert done.returncode != 0
    broken = [row for row in done.stdout.splitlines() if row.rstrip().endswith("BROKEN")]
    assert any(contract in row for row in broken), done.stdout
