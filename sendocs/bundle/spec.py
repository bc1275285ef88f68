"""The bundle specification: what goes into an appeal bundle, in which sections.

A solicitor or LA officer writes the specification as YAML next to the
evidence files; every path in it is relative to the YAML file, so a folder of
evidence plus its ``bundle.yaml`` can be moved or zipped as one unit.

Which pages count against which limit is an interpretation of Practice
Direction No.1 of 2025 (see ``docs/solicitor-guide.md``): each section has a
``role`` (core, ehc_plan, working_document, evidence), inferred when it is not
given, and every figure in :class:`PageLimits` can be overridden because the
per-appeal-type table for additional evidence is UNVERIFIED.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)

from sendocs.errors import CaseDataError, Location, Problem, parse_field_text
from sendocs.models.vocabulary import EvidenceKind

__all__ = [
    "BundleSpec",
    "DocumentSpec",
    "Numbering",
    "PageLimits",
    "Party",
    "SectionOrder",
    "SectionRole",
    "SectionSpec",
    "apply_password_file",
    "load_bundle_spec",
    "load_password_file",
]


class Numbering(StrEnum):
    """How pages are numbered: 1…N through the bundle, or A1, A2…, B1… per section."""

    CONTINUOUS = "continuous"
    SECTION = "section"


class Party(StrEnum):
    """Who supplied a section's evidence."""

    PARENT = "parent"
    LOCAL_AUTHORITY = "local_authority"
    JOINT = "joint"


class SectionOrder(StrEnum):
    """Order of documents inside a section (the PD asks for chronological order)."""

    DATE = "date"
    AS_LISTED = "as_listed"


class SectionRole(StrEnum):
    """Which page limit of PD 1/2025 a section's pages count against."""

    CORE = "core"
    EHC_PLAN = "ehc_plan"
    WORKING_DOCUMENT = "working_document"
    EVIDENCE = "evidence"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class PageLimits(_Strict):
    """Page limits checked by the bundle builder (warnings, never refusals).

    Defaults follow PD 1/2025 as summarised in the project's domain brief.
    ``evidence_per_party`` defaults to the top of the 75–100 range because the
    per-appeal-type table is UNVERIFIED: set it to what your appeal type allows.
    Index pages are not counted against any limit (also UNVERIFIED).
    """

    core_bundle: int = Field(100, gt=0)
    ehc_plan: int = Field(150, gt=0)
    working_document: int = Field(25, gt=0)
    evidence_per_party: int = Field(100, gt=0)
    expert_report: int = Field(15, gt=0)
    witness_statement: int = Field(10, gt=0)
    expert_report_max_age_years: int = Field(3, gt=0)


class DocumentSpec(_Strict):
    """One document of the bundle: a PDF, a Word/ODT file or an image.

    A password-protected PDF needs ``password`` (kept secret: never printed,
    logged or written anywhere) or ``password_env``, the name of an
    environment variable holding it, so the password need not be in the file.
    """

    path: Path
    title: str = Field(min_length=1)
    date: dt.date
    author: str | None = None
    kind: EvidenceKind = EvidenceKind.OTHER
    ref: str | None = Field(
        None, min_length=1, max_length=8, description="The appeal's evidence number (E1 …)."
    )
    password: SecretStr | None = None
    password_env: str | None = Field(None, min_length=1, pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")

    @field_validator("password", mode="before")
    @classmethod
    def _password_as_typed(cls, value: Any) -> Any:
        """Keep spaces (no stripping) and accept a password YAML reads as a number."""
        if isinstance(value, str | int) and not isinstance(value, bool):
            return SecretStr(str(value))
        return value

    @model_validator(mode="after")
    def _one_password(self) -> DocumentSpec:
        if self.password is not None and self.password_env is not None:
            raise ValueError("give password or password_env, not both")
        return self


class SectionSpec(_Strict):
    """A section of the bundle (the tribunal's section letters are configurable)."""

    title: str = Field(min_length=1)
    label: str | None = Field(None, min_length=1, max_length=6, pattern=r"^[A-Za-z0-9]+$")
    party: Party | None = None
    role: SectionRole | None = None
    page_limit: int | None = Field(None, gt=0)
    order: SectionOrder = SectionOrder.DATE
    documents: list[DocumentSpec] = Field(default_factory=list)

    @property
    def effective_role(self) -> SectionRole:
        """The role given, or the one implied: a section with a party is evidence, else core."""
        if self.role is not None:
            return self.role
        if self.party is not None:
            return SectionRole.EVIDENCE
        return SectionRole.CORE

    def ordered_documents(self) -> list[DocumentSpec]:
        """Documents in bundle order: by date (stable for equal dates) unless as listed."""
        if self.order is SectionOrder.AS_LISTED:
            return list(self.documents)
        return sorted(self.documents, key=lambda d: d.date)


class BundleSpec(_Strict):
    """A whole appeal bundle. ``base_dir`` is where relative document paths start."""

    title: str = Field(min_length=1)
    appeal_reference: str | None = None
    child_name: str | None = None
    hearing_date: dt.date | None = None
    # the index's heading (s18 R6 #8): the tribunal, the parties, who prepared the
    # bundle, when, and which version
    tribunal: str | None = None
    appellants: str | None = None
    respondent: str | None = None
    prepared_by: str | None = None
    prepared_on: dt.date | None = None
    version: str | None = None
    numbering: Numbering = Numbering.CONTINUOUS
    a4: bool = False
    limits: PageLimits = Field(default_factory=PageLimits)  # type: ignore[arg-type]
    sections: list[SectionSpec] = Field(min_length=1)
    base_dir: Path = Field(default=Path("."), exclude=True)

    @model_validator(mode="after")
    def _labels_unique(self) -> BundleSpec:
        seen: set[str] = set()
        for label in self.section_labels():
            if label.upper() in seen:
                raise ValueError(f"section label {label!r} is used twice")
            seen.add(label.upper())
        return self

    def section_labels(self) -> list[str]:
        """Each section's label; missing ones are lettered A, B, C… by position."""
        labels = []
        for i, section in enumerate(self.sections):
            labels.append(section.label or _letter(i))
        return labels

    def resolve(self, document: DocumentSpec) -> Path:
        """The document's file on disk (paths in the spec are relative to the spec)."""
        path = document.path.expanduser()
        return path if path.is_absolute() else self.base_dir / path


def _letter(index: int) -> str:
    """A, B, … Z, AA, AB … for section positions 0, 1, …."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(ord("A") + rem) + out
    return out


# libyaml's loader when PyYAML was built with it: ~10x faster on long specifications
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_bundle_spec(path: str | Path) -> BundleSpec:
    """Read and validate a bundle specification (YAML).

    Every problem is reported at once, each located by file, line and field
    (``bundle.yaml:14: sections[1].documents[0].date``), as a
    :class:`~sendocs.errors.CaseDataError`.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise CaseDataError(f"{path}: bundle specification not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseDataError(f"{path}: cannot read bundle specification ({exc})") from exc
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = Problem(Location(file=str(path), line=line), str(exc).splitlines()[0])
        raise CaseDataError(f"{path}: not valid YAML", [problem]) from exc
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise CaseDataError(
            f"{path}: a bundle specification is a mapping with 'title' and 'sections'"
        )
    if "base_dir" in data:
        line = _line_of(_node_lines(node), ("base_dir",))
        problem = Problem(Location(str(path), line, field=("base_dir",)), "unknown field")
        raise CaseDataError(f"{path}: invalid bundle specification", [problem])
    try:
        return BundleSpec.model_validate({**data, "base_dir": path.parent.resolve()})
    except ValidationError as exc:
        lines = _node_lines(node)
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            dotted = _dotted(loc)
            field = parse_field_text(dotted) if dotted else None
            problems.append(
                Problem(
                    Location(file=str(path), line=_line_of(lines, loc), field=field),
                    _message(err),
                )
            )
        raise CaseDataError(f"{path}: invalid bundle specification", problems) from exc


def _message(err: Any) -> str:
    if err["type"] == "extra_forbidden":
        return "unknown field (check the spelling)"
    return str(err["msg"])


def _dotted(loc: tuple[Any, ...]) -> str | None:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or None


def _node_lines(node: yaml.Node | None) -> dict[tuple[Any, ...], int]:
    """Map each key path of the YAML document to its 1-based line."""
    lines: dict[tuple[Any, ...], int] = {}

    def walk(n: yaml.Node, path: tuple[Any, ...]) -> None:
        lines.setdefault(path, n.start_mark.line + 1)
        if isinstance(n, yaml.MappingNode):
            for key, value in n.value:
                sub = (*path, key.value)
                lines[sub] = key.start_mark.line + 1
                walk(value, sub)
        elif isinstance(n, yaml.SequenceNode):
            for i, item in enumerate(n.value):
                walk(item, (*path, i))

    if node is not None:
        walk(node, ())
    return lines


def _line_of(lines: dict[tuple[Any, ...], int], loc: tuple[Any, ...]) -> int | None:
    """Line of the deepest part of ``loc`` present in the file (a missing field: its parent)."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def load_password_file(path: str | Path) -> dict[str, str]:
    """Read a password file: YAML lines of ``document: password``.

    A document is named as its ``path`` is written in the specification, or
    by its file name alone. Passwords are never echoed in errors.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise CaseDataError(f"{path}: password file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseDataError(f"{path}: cannot read the password file ({exc})") from exc
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise CaseDataError(
            f"{where}: a password file is YAML lines of  document.pdf: password"
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str | int) for k, v in data.items()
    ):
        raise CaseDataError(
            f"{path}: a password file is YAML lines of  document.pdf: password "
            "(quote passwords that are numbers or contain ': ' or '#')"
        )
    return {key: str(value) for key, value in data.items()}


def apply_password_file(spec: BundleSpec, passwords: dict[str, str], source: str) -> BundleSpec:
    """``spec`` with each named document given its password (unless its entry has one).

    A name that matches no document is an error (a misspelt name would
    otherwise leave a document locked without saying why).
    """
    used: set[str] = set()
    sections = []
    for section in spec.sections:
        documents = []
        for doc in section.documents:
            key = next(
                (k for k in (str(doc.path), doc.path.as_posix(), doc.path.name) if k in passwords),
                None,
            )
            if key is not None:
                used.add(key)
                if doc.password is None and doc.password_env is None:
                    doc = doc.model_copy(update={"password": SecretStr(passwords[key])})
            documents.append(doc)
        sections.append(section.model_copy(update={"documents": documents}))
    unknown = sorted(set(passwords) - used)
    if unknown:
        raise CaseDataError(
            f"{source}: names no document of the bundle: " + ", ".join(repr(u) for u in unknown)
        )
    return spec.model_copy(update={"sections": sections})
