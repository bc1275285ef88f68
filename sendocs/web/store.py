"""Where the web app keeps each case, school run and bundle: one folder each.

The user chooses the data folder (``sendocs serve --data DIR``); the default is
the user's own data folder. Every item lives in ``<data>/<journey>/<id>/``
where ``id`` is random hex made here: names typed or uploaded by the user are
never used as paths, so no upload can write outside its folder. Deleting an
item removes its folder and everything in it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import secrets
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sendocs.files import atomic_write_bytes

__all__ = ["JOURNEYS", "Item", "Journey", "Store", "default_data_dir"]

Journey = Literal["parent", "senco", "solicitor"]
JOURNEYS: tuple[Journey, ...] = ("parent", "senco", "solicitor")
_ID = re.compile(r"^[0-9a-f]{16}$")


def default_data_dir() -> Path:
    """The user's data folder for sendocs, as each operating system names it."""
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / "sendocs"


@dataclass(frozen=True)
class Item:
    """One saved case, school run or bundle."""

    journey: Journey
    id: str
    folder: Path
    label: str
    created: str

    def file(self, name: str) -> Path:
        """A file of this item by a name the app chose (never a user's name)."""
        if "/" in name or "\\" in name or name.startswith("."):
            raise ValueError(f"not a plain file name: {name!r}")
        return self.folder / name


class Store:
    """The data folder: create, find, list and delete items."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        for journey in JOURNEYS:
            (self.root / journey).mkdir(parents=True, exist_ok=True)

    def create(self, journey: Journey, label: str) -> Item:
        item_id = secrets.token_hex(8)
        folder = self.root / journey / item_id
        folder.mkdir(parents=True)
        meta = {"label": label, "created": dt.datetime.now().isoformat(timespec="minutes")}
        write_json(folder / "meta.json", meta)
        return Item(journey, item_id, folder, label, meta["created"])

    def get(self, journey: Journey, item_id: str) -> Item | None:
        if journey not in JOURNEYS or not _ID.match(item_id):
            return None
        folder = self.root / journey / item_id
        meta = read_json(folder / "meta.json")
        if meta is None:
            return None
        return Item(journey, item_id, folder, str(meta["label"]), str(meta["created"]))

    def relabel(self, item: Item, label: str) -> Item:
        meta = {"label": label, "created": item.created}
        write_json(item.folder / "meta.json", meta)
        return Item(item.journey, item.id, item.folder, label, item.created)

    def items(self, journey: Journey) -> list[Item]:
        found = []
        for folder in sorted((self.root / journey).iterdir()):
            item = self.get(journey, folder.name)
            if item is not None:
                found.append(item)
        return sorted(found, key=lambda i: i.created, reverse=True)

    def delete(self, item: Item) -> None:
        shutil.rmtree(item.folder, ignore_errors=True)


def read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_json(path: Path, data: dict[str, Any]) -> None:
    text = json.dumps(data, indent=1, ensure_ascii=False, default=str)
    atomic_write_bytes(path, text.encode("utf-8"), force=True)
