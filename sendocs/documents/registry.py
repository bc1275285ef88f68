"""The registry every document kind is looked up in: built-in kinds, then installed ones.

Nothing registers itself on import. The built-in kinds are a plain tuple
(:data:`sendocs.documents.builtin.BUILTIN_KINDS`); a third-party package
adds kinds through the ``sendocs.kinds`` entry-point group, the way a
Datasette plugin adds itself, so ``sendocs kinds``, ``sendocs render`` and
batches find them with no change to sendocs::

    # the third party's pyproject.toml
    [project.entry-points."sendocs.kinds"]
    transition-plan = "myschool.kinds:TRANSITION_PLAN"

The entry point names a :class:`DocumentKind` (or a sequence of them, or a
function of no arguments returning either). A script may also call
:func:`register` at run time. Two kinds with one name are an error that
names where each came from: a silent winner would render the wrong letter.
"""

from __future__ import annotations

import difflib
import importlib.metadata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sendocs.documents.base import DocumentKind
from sendocs.documents.builtin import BUILTIN_KINDS
from sendocs.errors import SendocsError

__all__ = ["ENTRY_POINT_GROUP", "all_kinds", "get_kind", "register", "reload_kinds"]

ENTRY_POINT_GROUP = "sendocs.kinds"
"""The entry-point group third-party packages list their document kinds under."""


@dataclass(frozen=True)
class _Entry:
    kind: DocumentKind
    origin: str
    """Where the kind came from, as a user would find it: module, or entry point and package."""


_registered: list[_Entry] = []
_cache: dict[str, _Entry] | None = None


def register(kind: DocumentKind) -> DocumentKind:
    """Add a kind for the rest of this run (a script's own kind, without packaging it).

    Raises :class:`~sendocs.errors.SendocsError` if a kind of that name exists.
    """
    if not isinstance(kind, DocumentKind):
        raise SendocsError(f"register() takes a DocumentKind, not {type(kind).__name__}")
    entry = _Entry(kind, f"register() from {_module_of(kind)}")
    _add(_registry(), entry)
    _registered.append(entry)
    return kind


def all_kinds() -> list[DocumentKind]:
    """Every kind: the built-in ones in their fixed order, then installed and registered ones."""
    return [entry.kind for entry in _registry().values()]


def get_kind(name: str) -> DocumentKind:
    """The kind called ``name``, or an error suggesting the nearest name."""
    registry = _registry()
    try:
        return registry[name].kind
    except KeyError:
        close = difflib.get_close_matches(name, list(registry), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        known = ", ".join(registry)
        raise SendocsError(f"unknown document kind {name!r}{hint} (known kinds: {known})") from None


def reload_kinds() -> None:
    """Forget the kinds found so far, so installed packages are looked up again.

    Kinds given to :func:`register` are kept. Useful after installing a
    package in a running session, and in tests.
    """
    global _cache
    _cache = None


def _registry() -> dict[str, _Entry]:
    global _cache
    if _cache is None:
        registry: dict[str, _Entry] = {}
        for entry in _builtin_entries():
            _add(registry, entry)
        for entry in _installed_entries():
            _add(registry, entry)
        for entry in _registered:
            _add(registry, entry)
        _cache = registry
    return _cache


def _add(registry: dict[str, _Entry], entry: _Entry) -> None:
    name = entry.kind.name
    if name in registry:
        raise SendocsError(
            f"two document kinds are called {name!r}: one from {registry[name].origin}, "
            f"one from {entry.origin}; uninstall or rename one of them"
        )
    registry[name] = entry


def _builtin_entries() -> Iterator[_Entry]:
    for kind in BUILTIN_KINDS:
        yield _Entry(kind, f"sendocs (built in, {_module_of(kind)})")


def _installed_entries() -> Iterator[_Entry]:
    for point in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        dist = point.dist
        package = f"{dist.name} {dist.version}" if dist is not None else "an unknown package"
        origin = f"entry point {point.name!r} = {point.value} in {package}"
        try:
            loaded = point.load()
        except Exception as exc:  # a broken plugin must not look like a sendocs bug
            raise SendocsError(
                f"cannot load document kinds from {origin}: {type(exc).__name__}: {exc}"
            ) from exc
        if callable(loaded) and not isinstance(loaded, DocumentKind):
            loaded = loaded()
        for kind in _as_kinds(loaded, origin):
            yield _Entry(kind, origin)


def _as_kinds(loaded: object, origin: str) -> Iterable[DocumentKind]:
    if isinstance(loaded, DocumentKind):
        return [loaded]
    if isinstance(loaded, (list, tuple)) and all(isinstance(k, DocumentKind) for k in loaded):
        return list(loaded)
    raise SendocsError(
        f"{origin} must name a DocumentKind or a list of them, not {type(loaded).__name__}"
    )


def _module_of(kind: DocumentKind) -> str:
    return getattr(kind.build_context, "__module__", None) or "an unknown module"
