"""docs/data-safety.md names the tests behind each promise about the person's data: each must exist.

The table is read as it is written (``path::Class::test`` or ``path::test`` in backticks) and
each name is looked up in the test file's syntax tree, so renaming or deleting a test that
proves a promise fails here until the table says what proves it now.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "data-safety.md"
_NAMED = re.compile(r"`(tests/[^`:]+\.py)::([^`]+)`")


def _tests_in(path: Path) -> set[str]:
    """``test`` and ``Class::test`` for every test function of a file, as pytest names them."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test"):
            found.add(node.name)
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef) and item.name.startswith("test"):
                    found.add(f"{node.name}::{item.name}")
    return found


def _named_tests(text: str) -> list[tuple[str, str]]:
    return _NAMED.findall(text)


def test_every_test_the_table_names_exists() -> None:
    named = _named_tests(DOC.read_text(encoding="utf-8"))
    assert len(named) >= 30  # the table is there and read as intended
    missing = []
    for file, test in named:
        path = ROOT / file
        if not path.is_file() or test not in _tests_in(path):
            missing.append(f"{file}::{test}")
    assert missing == [], f"docs/data-safety.md names tests that do not exist: {missing}"


def test_every_row_names_a_test_and_a_failure() -> None:
    """Each row of the table has a promise, at least one test, and the failure it survives."""
    rows = [line for line in DOC.read_text(encoding="utf-8").splitlines() if line.startswith("| ")]
    body = rows[1:]  # the header; the separator starts with "| ---"
    body = [row for row in body if not row.startswith("| ---")]
    assert body
    for row in body:
        cells = [cell.strip() for cell in row.strip("|").split(" | ")]
        assert len(cells) == 3, row
        promise, tests, failure = cells
        assert promise and failure, row
        assert _named_tests(tests), row


def test_the_check_notices_a_missing_test(tmp_path: Path) -> None:
    """The lookup is not vacuous: a name that is not in the file is reported missing."""
    sample = tmp_path / "test_sample.py"
    sample.write_text("def test_a():\n    pass\n\nclass TestB:\n    async def test_c(self):\n        pass\n")
    assert _tests_in(sample) == {"test_a", "TestB::test_c"}
    assert _named_tests("`tests/x.py::TestB::test_c`, `tests/y.py::test_d`") == [
        ("tests/x.py", "TestB::test_c"),
        ("tests/y.py", "test_d"),
    ]
