"""The solicitor's journey: documents in, details set and ordered, a bundle out.

Details are prefilled from each file's own metadata (title, author, date)
where it has them. The bundle is :func:`sendocs.build_bundle` (what ``sendocs
bundle`` does) from a specification written in the same YAML format, with
bad files left out and reported rather than stopping the build.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from pydantic import SecretStr
from werkzeug.wrappers import Response

import sendocs
from sendocs.files import publish_file
from sendocs.models import EvidenceKind
from sendocs.web.app import converter_of, jobs_of, passwords_of, store_of
from sendocs.web.files import send_listed
from sendocs.web.forms import Field, Option, form_value, parse_fields
from sendocs.web.metadata import read_metadata
from sendocs.web.passwords import is_encrypted, with_passwords
from sendocs.web.store import Item, read_json, write_json
from sendocs.web.uploads import UploadError, save_upload

__all__ = ["bp"]

bp = Blueprint("solicitor", __name__, url_prefix="/solicitor")

BUNDLE_PDF = "bundle.pdf"
STATE = "bundle.json"
ACCEPT = ("pdf", "docx", "odt", "doc")
SECTIONS: tuple[dict[str, str], ...] = (
    {"label": "A", "title": "Appeal documents", "role": "core"},
    {"label": "B", "title": "EHC plan and appendices", "role": "ehc_plan"},
    {"label": "C", "title": "Working document", "role": "working_document"},
    {"label": "D", "title": "Parent's evidence", "party": "parent"},
    {"label": "E", "title": "Local authority's evidence", "party": "local_authority"},
)
_SECTION_BY_KIND = {"decision_letter": "A", "ehc_plan": "B", "working_document": "C"}
_KINDS = tuple(Option(k.value, k.label) for k in EvidenceKind)

DETAIL_FIELDS = (
    Field(
        "title",
        "Title of the bundle",
        ("title",),
        required="Enter a title for the bundle",
        hint="For example, Appeal bundle — Ahmed v Anyshire County Council",
    ),
    Field(
        "reference",
        "Tribunal appeal reference (optional)",
        ("appeal_reference",),
        width="20",
        hint="For example, EH999/25/00001",
    ),
    Field("child", "Child's name (optional)", ("child_name",), width="20"),
    Field("hearing", "Hearing date (optional)", ("hearing_date",), kind="date"),
)
FILES_FIELD = Field(
    "files",
    "Documents to put in the bundle",
    (),
    kind="file",
    accept=".pdf,.docx,.odt,.doc",
    extra={"multiple": True},
    hint="PDF or Word documents. You can choose several at once, and add more later.",
)
PASSWORD_FIELD = Field(
    "password",
    "Password to open this PDF (only if it needs one)",
    (),
    kind="password",
    width="20",
    autocomplete="off",
    hint="sendocs keeps it only while the app is running, never saves it in a file and "
    "never shows it again. Leave blank to keep a password you gave before.",
)
DOC_FIELDS = (
    Field("title", "Title", ("title",), required="Enter the document's title"),
    Field("author", "Author (optional)", ("author",)),
    Field(
        "date",
        "Date of the document",
        ("date",),
        kind="date",
        required="Enter the date of the document",
    ),
    Field(
        "section",
        "Section",
        ("section",),
        kind="select",
        options=tuple(Option(s["label"], f"{s['label']}: {s['title']}") for s in SECTIONS),
        required="Select a section",
    ),
    Field(
        "kind",
        "What kind of document is it?",
        ("kind",),
        kind="select",
        options=_KINDS,
        required="Select what kind of document it is",
    ),
)


def _item(item_id: str) -> Item:
    item = store_of(current_app).get("solicitor", item_id)
    if item is None:
        abort(404)
    return item


def _state(item: Item) -> dict[str, Any]:
    return read_json(item.folder / STATE) or {"details": {}, "documents": []}


def _add_files(item: Item, state: dict[str, Any]) -> str:
    """Save every uploaded file; return an error message for the first bad one."""
    uploads = [u for u in request.files.getlist("files") if u.filename]
    if not uploads:
        return "Select at least one PDF or Word document"
    folder = item.folder / "files"
    for upload in uploads:
        number = int(state.get("next", 1))
        try:
            saved = save_upload(upload, folder, f"doc-{number}", ACCEPT, "a document")
        except UploadError as exc:
            return exc.message
        state["next"] = number + 1
        meta = read_metadata(saved.path, saved.label)
        kind = "other"
        state["documents"].append(
            {
                "file": saved.path.name,
                "label": saved.label,
                "title": meta.title,
                "author": meta.author,
                "date": meta.date.isoformat(),
                "kind": kind,
                "section": _SECTION_BY_KIND.get(kind, "D"),
                "locked": is_encrypted(saved.path),
            }
        )
    return ""


@bp.route("/", methods=["GET", "POST"])
def start() -> str | Response:
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    if request.method == "POST":
        parsed, values, errors = parse_fields(DETAIL_FIELDS, request.form)
        if not errors:
            store = store_of(current_app)
            item = store.create("solicitor", parsed["title"])
            state: dict[str, Any] = {
                "details": {
                    "title": parsed["title"],
                    "appeal_reference": parsed["reference"],
                    "child_name": parsed["child"],
                    "hearing_date": parsed["hearing"].isoformat() if parsed["hearing"] else None,
                },
                "documents": [],
            }
            message = _add_files(item, state)
            if message:
                store.delete(item)
                errors["files"] = message
            else:
                write_json(item.folder / STATE, state)
                return redirect(url_for("solicitor.documents", item_id=item.id), 303)
    return render_template(
        "solicitor/start.html",
        title="Start a bundle",
        fields=DETAIL_FIELDS,
        files_field=FILES_FIELD,
        values=values,
        errors=errors,
        back=url_for("home.index"),
    )


def _ordered(state: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    """Documents grouped by section (A, B, …), in the order listed inside each."""
    order = {s["label"]: n for n, s in enumerate(SECTIONS)}
    indexed = list(enumerate(state["documents"]))
    return sorted(indexed, key=lambda pair: order.get(pair[1]["section"], 99))


@bp.route("/<item_id>/documents", methods=["GET", "POST"])
def documents(item_id: str) -> str | Response:
    item = _item(item_id)
    state = _state(item)
    errors: dict[str, str] = {}
    if request.method == "POST":
        action = request.form.get("action", "")
        if action == "add":
            message = _add_files(item, state)
            if message:
                errors["files"] = message
        elif action == "sort":
            state["documents"].sort(key=lambda d: d["date"])
        elif action in ("up", "down", "remove"):
            _move(item, state, request.form.get("number", ""), action)
        elif action == "build":
            if not state["documents"]:
                errors["files"] = "Add at least one document to the bundle"
            else:
                # Taken here: the worker thread has no app context.
                converter = converter_of(current_app)
                passwords = passwords_of(current_app).of(item.id)
                job = jobs_of(current_app).start(
                    "Building your bundle",
                    url_for("solicitor.result", item_id=item.id),
                    lambda scratch, progress: _build(
                        item, state, scratch, progress, converter, passwords
                    ),
                )
                return redirect(url_for("home.job", job_id=job.id), 303)
        write_json(item.folder / STATE, state)
        if not errors:
            return redirect(url_for("solicitor.documents", item_id=item.id), 303)
    sections = {s["label"]: s["title"] for s in SECTIONS}
    return render_template(
        "solicitor/documents.html",
        title="Documents in the bundle",
        item=item,
        docs=_ordered(state),
        sections=sections,
        kinds={o.value: o.label for o in _KINDS},
        files_field=FILES_FIELD,
        errors=errors,
        width="full",
        back=url_for("home.index"),
        built=(item.folder / BUNDLE_PDF).exists(),
        with_password=set(passwords_of(current_app).of(item.id)),
    )


def _move(item: Item, state: dict[str, Any], number: str, action: str) -> None:
    docs = state["documents"]
    if not number.isdigit() or not 0 <= int(number) < len(docs):
        abort(404)
    index = int(number)
    if action == "remove":
        removed = docs.pop(index)
        passwords_of(current_app).forget(item.id, Path(removed["file"]).name)
        (item.folder / "files" / Path(removed["file"]).name).unlink(missing_ok=True)
        return
    section = docs[index]["section"]
    same = [n for n, d in enumerate(docs) if d["section"] == section]
    position = same.index(index)
    other = position - 1 if action == "up" else position + 1
    if 0 <= other < len(same):
        a, b = same[position], same[other]
        docs[a], docs[b] = docs[b], docs[a]


@bp.route("/<item_id>/doc/<int:number>", methods=["GET", "POST"])
def document(item_id: str, number: int) -> str | Response:
    item = _item(item_id)
    state = _state(item)
    if not 0 <= number < len(state["documents"]):
        abort(404)
    doc = state["documents"][number]
    values = {f.id: form_value(f, doc.get(str(f.path[0]))) for f in DOC_FIELDS}
    errors: dict[str, str] = {}
    if request.method == "POST":
        parsed, values, errors = parse_fields(DOC_FIELDS, request.form)
        if not errors:
            password = request.form.get("password", "")  # as typed: spaces count
            if password and doc["file"].endswith(".pdf"):
                passwords_of(current_app).set(item.id, doc["file"], password)
            doc.update(
                title=parsed["title"],
                author=parsed["author"],
                date=parsed["date"].isoformat(),
                section=parsed["section"],
                kind=parsed["kind"],
            )
            write_json(item.folder / STATE, state)
            return redirect(url_for("solicitor.documents", item_id=item.id), 303)
    return render_template(
        "solicitor/document.html",
        title=f"Change the details of {doc['label']}",
        item=item,
        fields=DOC_FIELDS,
        password_field=PASSWORD_FIELD if doc["file"].endswith(".pdf") else None,
        locked=doc.get("locked", False),
        has_password=passwords_of(current_app).has(item.id, doc["file"]),
        values=values,
        errors=errors,
        back=url_for("solicitor.documents", item_id=item.id),
    )


def bundle_spec(state: dict[str, Any]) -> dict[str, Any]:
    """The bundle specification, in the YAML format ``sendocs bundle`` reads."""
    details = {k: v for k, v in state["details"].items() if v}
    sections = []
    for section in SECTIONS:
        docs = [
            {
                "path": f"files/{Path(d['file']).name}",
                "title": d["title"],
                "date": d["date"],
                **({"author": d["author"]} if d.get("author") else {}),
                "kind": d["kind"],
            }
            for d in state["documents"]
            if d["section"] == section["label"]
        ]
        if docs:
            sections.append({**section, "order": "as_listed", "documents": docs})
    return {**details, "numbering": "continuous", "sections": sections}


def _build(
    item: Item,
    state: dict[str, Any],
    scratch: Path,
    progress: Any,
    converter: sendocs.Converter,
    passwords: dict[str, SecretStr],
) -> None:
    """Build the bundle; passwords go only into the specification object in memory."""
    progress("render", 0, 1)
    spec_path = item.folder / "bundle.yaml"  # what ``sendocs bundle`` reads: no passwords
    spec_path.write_text(
        yaml.safe_dump(bundle_spec(state), sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    spec = with_passwords(sendocs.load_bundle_spec(spec_path), passwords)
    report = sendocs.build_bundle(
        spec, scratch / BUNDLE_PDF, skip_bad=True, force=True, converter=converter
    )
    publish_file(scratch / BUNDLE_PDF, item.folder / BUNDLE_PDF, force=True)
    labels = {f"files/{d['file']}": d["label"] for d in state["documents"]}
    write_json(
        item.folder / "report.json",
        {
            "pages": report.pages,
            "index_pages": report.index_pages,
            "documents": [
                {
                    "title": d.title,
                    "section": d.section,
                    "pages": d.page_range,
                    "included": d.included,
                }
                for d in report.documents
            ],
            "warnings": [w.message for w in report.warnings],
            "skipped": [
                {
                    "title": s.title,
                    "file": labels.get(_relative(s.path, item.folder), ""),
                    "reason": s.reason.replace(str(item.folder) + "/", ""),
                }
                for s in report.skipped
            ],
            "built": dt.datetime.now().isoformat(timespec="minutes"),
        },
    )
    progress("render", 1, 1)


def _relative(path: Path, folder: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(folder.resolve()))
    except ValueError:
        return str(path)


@bp.get("/<item_id>/result")
def result(item_id: str) -> str | Response:
    item = _item(item_id)
    report = read_json(item.folder / "report.json")
    if report is None or not (item.folder / BUNDLE_PDF).exists():
        return redirect(url_for("solicitor.documents", item_id=item.id))
    return render_template(
        "solicitor/result.html",
        title="Your bundle is ready",
        item=item,
        report=report,
        back=url_for("solicitor.documents", item_id=item.id),
    )


@bp.get("/<item_id>/bundle.pdf")
def download(item_id: str) -> Response:
    item = _item(item_id)
    path = item.folder / BUNDLE_PDF
    if not path.exists():
        abort(404)
    return send_listed([path], 0, inline=request.args.get("inline") == "1")
