"""The SENCO's journey: a roster in, every row checked, a batch out as a zip.

Rows are read and checked with :func:`sendocs.read_roster` (what ``sendocs
validate`` does) before anything is made; the batch is
:func:`sendocs.render_batch` (what ``sendocs batch`` does) in the worker, with
its progress shown, and in this process (``jobs=1``): forking a pool from a
threaded server risks a child inheriting a held lock, a Word document takes
milliseconds, and the slow part, PDF conversion, is LibreOffice's own
process. The whole-school provision map is what ``sendocs provision-map``
makes.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

import sendocs
from sendocs.errors import CaseDataError, Problem
from sendocs.web.app import converter_of, jobs_of, store_of
from sendocs.web.files import send_listed
from sendocs.web.forms import Field, Option, parse_fields
from sendocs.web.store import Item, read_json, write_json
from sendocs.web.uploads import UploadError, save_upload

__all__ = ["bp"]

bp = Blueprint("senco", __name__, url_prefix="/senco")

ZIP_NAME = "documents.zip"
_FORMATS = (
    Option("docx", "Word documents", "Quickest. You can change them before sending."),
    Option(
        "pdf", "PDFs", "Ready to send or print. Takes longer: each is converted by LibreOffice."
    ),
    Option("both", "Word and PDF"),
)

UPLOAD_FIELDS = (
    Field(
        "roster",
        "Your MIS export (CSV or Excel)",
        (),
        kind="file",
        accept=".csv,.xlsx",
        hint="One row per pupil, exported from your MIS (SIMS, Arbor, Bromcom …).",
    ),
    Field(
        "columns",
        "Your column map (optional)",
        (),
        kind="file",
        accept=".yaml,.yml",
        hint="Only if your MIS names its columns differently from sendocs' defaults.",
    ),
    Field(
        "school",
        "Your school settings (optional)",
        (),
        kind="file",
        accept=".yaml,.yml",
        hint="school.yaml with your school's details, SENCO and local authority.",
    ),
)


def _item(item_id: str) -> Item:
    item = store_of(current_app).get("senco", item_id)
    if item is None:
        abort(404)
    return item


def _roster_path(item: Item) -> Path:
    for name in ("roster.csv", "roster.xlsx"):
        if (item.folder / name).exists():
            return item.folder / name
    abort(404)


def _read_options(item: Item) -> dict[str, Any]:
    from sendocs.roster import load_column_map, load_school_settings

    columns, school = item.folder / "columns.yaml", item.folder / "school.yaml"
    return {
        "column_map": load_column_map(columns) if columns.exists() else None,
        "settings": load_school_settings(school) if school.exists() else None,
    }


def _where(problem: Problem) -> str:
    place = problem.location
    parts = [
        f"Row {place.row}" if place.row else "",
        f"column or field {place.field_text}" if place.field else "",
    ]
    return ", ".join(p for p in parts if p)


@bp.route("/", methods=["GET", "POST"])
def start() -> str | Response:
    errors: dict[str, str] = {}
    if request.method == "POST":
        store = store_of(current_app)
        roster = request.files.get("roster")
        item = store.create("senco", "School run")
        try:
            saved = save_upload(
                roster,
                item.folder,
                "roster",
                ("csv", "xlsx"),
                "your MIS export (a CSV or Excel file)",
            )
            for name in ("columns", "school"):
                upload = request.files.get(name)
                if upload is not None and upload.filename:
                    try:
                        save_upload(upload, item.folder, name, ("yaml",), "a YAML file")
                    except UploadError as exc:
                        errors[name] = exc.message
        except UploadError as exc:
            errors["roster"] = exc.message
        if errors:
            store.delete(item)
        else:
            store.relabel(item, f"{saved.label} ({dt.date.today():%d %B %Y})")
            return redirect(url_for("senco.check", item_id=item.id), 303)
    return render_template(
        "senco/start.html",
        title="Start a school run",
        fields=UPLOAD_FIELDS,
        errors=errors,
        back=url_for("home.index"),
    )


def _kind_field() -> Field:
    options = tuple(Option(k.name, k.title, k.description) for k in sendocs.all_kinds())
    return Field(
        "kind",
        "What do you want to make for each pupil?",
        (),
        kind="radios",
        options=options,
        required="Select what to make",
    )


def _format_field() -> Field:
    return Field(
        "format",
        "In which format?",
        (),
        kind="radios",
        options=_FORMATS,
        required="Select a format",
    )


@bp.route("/<item_id>/check", methods=["GET", "POST"])
def check(item_id: str) -> str | Response:
    item = _item(item_id)
    if (item.folder / "result.json").exists() and request.method == "GET" and not request.args:
        return redirect(url_for("senco.result", item_id=item.id))
    roster_path = _roster_path(item)
    file_error, rows, file_warnings = "", [], []
    try:
        roster = sendocs.read_roster(roster_path, **_read_options(item))
    except CaseDataError as exc:
        file_error = exc.message.replace(str(item.folder) + "/", "")
        file_warnings = [
            f"{_where(p)}: {p.message}" if _where(p) else p.message for p in exc.problems or []
        ]
    else:
        file_warnings = [p.message for p in roster.warnings]
        for row in roster.rows:
            name = ""
            if row.loaded is not None:
                child = row.loaded.case.child
                name = f"{child.legal_forename} {child.legal_surname}"
            problems = [
                {"where": p.location.field_text, "message": p.message}
                for p in (row.error.problems or [] if row.error else [])
            ] or (
                [{"where": "", "message": row.error.message}]
                if row.error and not row.error.problems
                else []
            )
            warnings = [
                {"where": p.location.field_text, "message": p.message}
                for p in (row.loaded.warnings if row.loaded else [])
            ]
            rows.append(
                {
                    "row": row.location.row,
                    "upn": row.upn or "",
                    "name": name,
                    "problems": problems,
                    "warnings": warnings,
                }
            )
    kind_field, format_field = _kind_field(), _format_field()
    errors: dict[str, str] = {}
    values: dict[str, Any] = {"kind": "iep", "format": "docx"}
    if request.method == "POST" and not file_error:
        parsed, values, errors = parse_fields([kind_field, format_field], request.form)
        if not errors:
            kind, fmt = parsed["kind"], parsed["format"]
            converter = converter_of(current_app)  # the worker thread has no app context
            job = jobs_of(current_app).start(
                f"Making {sendocs.get_kind(kind).title} for every pupil",
                url_for("senco.result", item_id=item.id),
                lambda scratch, progress: _run(
                    item, roster_path, kind, fmt, scratch, progress, converter
                ),
            )
            return redirect(url_for("home.job", job_id=job.id), 303)
    failed = sum(1 for r in rows if r["problems"])
    return render_template(
        "senco/check.html",
        title="Check your pupils",
        item=item,
        rows=rows,
        failed=failed,
        file_error=file_error,
        file_warnings=file_warnings,
        kind_field=kind_field,
        format_field=format_field,
        values=values,
        errors=errors,
        width="full",
        back=url_for("senco.start"),
    )


def _run(
    item: Item,
    roster: Path,
    kind: str,
    fmt: Any,
    scratch: Path,
    progress: Any,
    converter: sendocs.Converter,
) -> None:
    options = _read_options(item)
    zip_path = item.folder / ZIP_NAME
    report = sendocs.render_batch(
        kind,
        roster,
        scratch / "out",
        fmt=fmt,
        force=True,
        zip_path=zip_path,
        jobs=1,
        progress=progress,
        column_map=options["column_map"],
        school=options["settings"],
        converter=converter,
    )
    rows = [
        {
            "row": r.location.row,
            "upn": r.upn or "",
            "files": [p.name for p in r.outputs],
            "error": (r.error.message.replace(str(item.folder) + "/", "") if r.error else ""),
            "problems": [p.message for p in getattr(r.error, "problems", None) or []],
            "warnings": len(r.warnings),
        }
        for r in report.rows
    ]
    write_json(
        item.folder / "result.json",
        {
            "kind": sendocs.get_kind(kind).title,
            "format": fmt,
            "rows": rows,
            "made": len(report.rendered),
            "failed": len(report.failed),
            "files": len(report.outputs),
        },
    )


@bp.get("/<item_id>/result")
def result(item_id: str) -> str | Response:
    item = _item(item_id)
    summary = read_json(item.folder / "result.json")
    if summary is None:
        return redirect(url_for("senco.check", item_id=item.id, again=1))
    return render_template(
        "senco/result.html",
        title="Your documents are ready",
        item=item,
        summary=summary,
        back=url_for("senco.check", item_id=item.id, again=1),
    )


@bp.get("/<item_id>/download")
def download(item_id: str) -> Response:
    item = _item(item_id)
    return (
        send_listed([item.folder / ZIP_NAME], 0)
        if (item.folder / ZIP_NAME).exists()
        else (abort(404))
    )


@bp.get("/<item_id>/provision-map.<fmt>")
def provision_map(item_id: str, fmt: str) -> Response:
    """The whole-school provision map, made fresh from the roster as Word or Excel: one
    school's, or, when the roster's pupils are at several schools, a zip of one map per
    school (no map holds another school's pupils)."""
    if fmt not in ("docx", "xlsx"):
        abort(404)
    item = _item(item_id)
    import io
    import zipfile

    from sendocs.documents.filenames import safe_filename_part
    from sendocs.school_map import build_school_maps, read_school_cases, write_school_map

    options = _read_options(item)
    loaded, left_out = read_school_cases(
        [_roster_path(item)], column_map=options["column_map"], settings=options["settings"]
    )
    if not loaded:
        abort(404)
    maps = build_school_maps(loaded, left_out=left_out)
    files: list[tuple[str, bytes]] = []
    with tempfile.TemporaryDirectory(prefix="sendocs-web-map-") as work:
        for school_map in maps:
            school = safe_filename_part(school_map.school_name, fallback="school")
            name = f"Provision_map_{school}_{dt.date.today()}.{fmt}"
            files.append((name, write_school_map(school_map, Path(work) / name).read_bytes()))
    if len(files) == 1:
        name, data = files[0]
        mimetype = (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            if fmt == "docx"
            else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    else:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for member, content in files:
                archive.writestr(member, content)
        name, data = f"Provision_maps_by_school_{dt.date.today()}_{fmt}.zip", buffer.getvalue()
        mimetype = "application/zip"
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
