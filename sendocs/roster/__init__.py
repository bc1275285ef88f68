"""School rosters: MIS exports (CSV / XLSX, one row per pupil) read into cases.

See ``docs/senco-guide.md`` for the column map and school settings files.
"""

from sendocs.roster.column_map import (
    DEFAULT_COLUMN_MAP_PATH,
    ColumnMap,
    default_column_map,
    load_column_map,
)
from sendocs.roster.reader import ROSTER_SUFFIXES, Roster, RosterRow, read_roster
from sendocs.roster.settings import SchoolSettings, find_school_settings, load_school_settings

__all__ = [
    "DEFAULT_COLUMN_MAP_PATH",
    "ROSTER_SUFFIXES",
    "ColumnMap",
    "Roster",
    "RosterRow",
    "SchoolSettings",
    "default_column_map",
    "find_school_settings",
    "load_column_map",
    "load_school_settings",
    "read_roster",
]
