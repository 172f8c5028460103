"""Taking data out and bringing it in: JSON, CSV and Markdown exports, Daylio import, merges.

One module per format (``json_format``, ``csv_format``, ``markdown``,
``daylio``), ``merge`` for combining what came in with what is here, and
``common`` for what they share. The names the commands use are re-exported
here: ``from rebound_tui.storage import interop`` then ``interop.read_json(...)``.

Everything here is conversion and decision; nothing imports Textual or Rich.

- ``export_json`` writes the whole store (records, settings, deletions) with its
  schema version, one record per line; ``read_json`` reads that back, or a
  ``rebound.json`` data file copied from another machine.
- ``export_csv`` writes one file per kind of record; ``read_csv`` reads them back
  exactly.
- ``export_markdown`` writes a journal to read, by month.
- ``read_daylio`` turns a Daylio CSV export into check-ins with stable ids, so
  importing the same file again adds nothing.
- ``plan_merge`` compares what came in with what is here and decides, record by
  record (by UUID), what to add, replace, delete or leave; ``merge_into_store``
  applies that plan inside one store transaction, so an import is all or nothing.

Every reader checks every row before anything is written and stops at the first
problem with :class:`InteropError`, whose one-line message names the file, the
line and the reason.
"""

from __future__ import annotations

from rebound_tui.storage.interop.common import (
    Incoming,
    InteropError,
    check_export_target,
    counts_by_kind,
    guess_format,
    records_of,
    write_private,
)
from rebound_tui.storage.interop.csv_format import export_csv, read_csv
from rebound_tui.storage.interop.daylio import (
    DAYLIO_MOODS,
    DaylioFile,
    UnknownMoods,
    build_checkins,
    mood_levels,
    parse_mood_map,
    read_daylio,
    scan_daylio,
    take_corrections,
)
from rebound_tui.storage.interop.json_format import export_json, read_json
from rebound_tui.storage.interop.markdown import export_markdown
from rebound_tui.storage.interop.merge import MergePlan, merge_into_store

__all__ = [
    "DAYLIO_MOODS",
    "DaylioFile",
    "Incoming",
    "InteropError",
    "MergePlan",
    "UnknownMoods",
    "build_checkins",
    "check_export_target",
    "counts_by_kind",
    "export_csv",
    "export_json",
    "export_markdown",
    "guess_format",
    "merge_into_store",
    "mood_levels",
    "parse_mood_map",
    "read_csv",
    "read_daylio",
    "read_json",
    "records_of",
    "scan_daylio",
    "take_corrections",
    "write_private",
]
