"""The parent's journey: questions → check answers → the EHC needs assessment request.

Then the decision date (reg 5(1)) with its explanation, the follow-up letter
once the council is late, and the appeal deadline from a decision letter's
date. Documents are made by :func:`sendocs.render_document`, the CLI's own
path, from the saved case file.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

import sendocs
from sendocs.errors import CaseDataError
from sendocs.files import publish_file
from sendocs.web.app import converter_of, jobs_of, store_of, warm_up
from sendocs.web.casefile import (
    child_label,
    dump_case,
    load_draft,
    new_draft,
    save_draft,
    validate_draft,
)
from sendocs.web.files import file_list, send_listed
from sendocs.web.forms import (
    Field,
    form_value,
    get_path,
    parse_fields,
    set_path,
    show_value,
)
from sendocs.web.parent_questions import LISTS, ORDER, PAGES, ListPage, page_for_field
from sendocs.web.store import Item
from sendocs.web.uploads import UploadError, save_upload

__all__ = ["bp"]

bp = Blueprint("parent", __name__, url_prefix="/parent")

REQUEST = "request"
FOLLOW_UP = "follow-up"


def _item(item_id: str) -> Item:
    item = store_of(current_app).get("parent", item_id)
    if item is None:
        abort(404)
    return item


def _url(slug: str, item_id: str, **extra: Any) -> str:
    if slug in LISTS:
        return url_for("parent.list_page", item_id=item_id, slug=slug, **extra)
    return url_for("parent.page", item_id=item_id, slug=slug, **extra)


def _next_url(slug: str, item_id: str) -> str:
    if request.args.get("from") == "check":
        return url_for("parent.check", item_id=item_id)
    position = ORDER.index(slug)
    if position + 1 < len(ORDER):
        return _url(ORDER[position + 1], item_id)
    return url_for("parent.check", item_id=item_id)


def _back_url(slug: str, item_id: str) -> str:
    if request.args.get("from") == "check":
        return url_for("parent.check", item_id=item_id)
    position = ORDER.index(slug)
    return _url(ORDER[position - 1], item_id) if position else url_for("home.index")


def _save(item: Item, data: dict[str, Any]) -> None:
    save_draft(item.folder, data)
    label = child_label(data)
    if label != item.label:
        store_of(current_app).relabel(item, label)


@bp.post("/new")
def new() -> Response:
    item = store_of(current_app).create("parent", "New case")
    save_draft(item.folder, new_draft())
    warm_up(current_app)  # LibreOffice starts while the questions are answered
    return redirect(_url(ORDER[0], item.id), 303)


@bp.route("/open", methods=["GET", "POST"])
def open_case() -> str | Response:
    """Carry on from a case file saved earlier (or written for the CLI)."""
    errors: dict[str, str] = {}
    problems: list[str] = []
    if request.method == "POST":
        store = store_of(current_app)
        item = store.create("parent", "Opened case")
        try:
            save_upload(
                request.files.get("casefile"),
                item.folder,
                "case",
                ("yaml",),
                "your saved case file",
            )
            loaded = validate_draft(item.folder)
        except UploadError as exc:
            store.delete(item)
            errors["casefile"] = exc.message
        except CaseDataError as exc:
            store.delete(item)
            errors["casefile"] = "The case file has problems. Fix them, or start a new case"
            problems = [_problem_text(p) for p in exc.problems or []] or [exc.message]
        else:
            data = load_draft(item.folder)
            data.setdefault("assessment_request", {"requester": "parent"})
            _save(item, data)
            del loaded
            warm_up(current_app)
            return redirect(url_for("parent.check", item_id=item.id), 303)
    field = Field(
        "casefile",
        "Upload your saved case file",
        (),
        kind="file",
        accept=".yaml,.yml",
        hint="A .yaml file saved from sendocs, or one written for the command line.",
    )
    return render_template(
        "parent/open.html",
        title="Carry on with a saved case",
        errors=errors,
        field=field,
        problems=problems,
        back=url_for("home.index"),
    )


def _problem_text(problem: sendocs.errors.Problem) -> str:
    where = problem.location
    parts = [f"line {where.line}" if where.line else "", where.field_text]
    place = ", ".join(p for p in parts if p)
    return f"{place}: {problem.message}" if place else problem.message


@bp.route("/<item_id>/q/<slug>", methods=["GET", "POST"])
def page(item_id: str, slug: str) -> str | Response:
    item = _item(item_id)
    page = PAGES.get(slug) or abort(404)
    data = load_draft(item.folder)
    errors: dict[str, str] = {}
    shown = {f.id: form_value(f, get_path(data, f.path)) for f in page.fields}
    if request.method == "POST":
        values, shown, errors = parse_fields(page.fields, request.form)
        if not errors:
            for f in page.fields:
                set_path(data, f.path, _stored(f, values[f.id]))
            _save(item, data)
            return redirect(_next_url(slug, item.id), 303)
    return render_template(
        "parent/page.html",
        title=page.title,
        page=page,
        values=shown,
        errors=errors,
        back=_back_url(slug, item.id),
        item=item,
    )


def _stored(f: Field, value: Any) -> Any:
    if f.path[-1] == "year_group" and isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if f.kind == "checkbox":
        return True if value else None
    return value


@bp.route("/<item_id>/list/<slug>", methods=["GET", "POST"])
def list_page(item_id: str, slug: str) -> str | Response:
    item = _item(item_id)
    spec = LISTS.get(slug) or abort(404)
    data = load_draft(item.folder)
    items = get_path(data, spec.path) or []
    errors: dict[str, str] = {}
    # An empty list that needs an item goes straight to adding one; an optional one
    # shows "None added yet" so the parent can carry on without adding anything.
    first_visit = request.args.get("from") != "check"
    if request.method == "GET" and not items and spec.minimum and first_visit:
        return redirect(url_for("parent.list_item", item_id=item.id, slug=slug, number="new"))
    if request.method == "POST":
        if len(items) < spec.minimum:
            errors["add"] = spec.minimum_message
        else:
            return redirect(_next_url(slug, item.id), 303)
    return render_template(
        "parent/list.html",
        title=spec.title,
        spec=spec,
        items=items,
        errors=errors,
        back=_back_url(slug, item.id),
        item=item,
    )


@bp.route("/<item_id>/list/<slug>/<number>", methods=["GET", "POST"])
def list_item(item_id: str, slug: str, number: str) -> str | Response:
    item = _item(item_id)
    spec = LISTS.get(slug) or abort(404)
    data = load_draft(item.folder)
    items = get_path(data, spec.path) or []
    index = _index(number, items)
    current = items[index] if index is not None else {}
    shown = {f.id: form_value(f, get_path(current, f.path)) for f in spec.item_fields}
    errors: dict[str, str] = {}
    if request.method == "POST":
        values, shown, errors = parse_fields(spec.item_fields, request.form)
        if not errors:
            entry = dict(current)
            for f in spec.item_fields:
                set_path(entry, f.path, _stored(f, values[f.id]))
            items = list(items)
            if index is None:
                items.append(entry)
            else:
                items[index] = entry
            set_path(data, spec.path, items)
            _save(item, data)
            return redirect(url_for("parent.list_page", item_id=item.id, slug=slug), 303)
    back = (
        url_for("parent.list_page", item_id=item.id, slug=slug)
        if items
        else _back_url(slug, item.id)
    )
    return render_template(
        "parent/item.html",
        title=spec.add_title if index is None else f"Change this {spec.noun}",
        spec=spec,
        values=shown,
        errors=errors,
        back=back,
        item=item,
    )


def _index(number: str, items: list[Any]) -> int | None:
    if number == "new":
        return None
    if not number.isdigit() or not 1 <= int(number) <= len(items):
        abort(404)
    return int(number) - 1


@bp.post("/<item_id>/list/<slug>/<number>/remove")
def remove_item(item_id: str, slug: str, number: str) -> Response:
    item = _item(item_id)
    spec = LISTS.get(slug) or abort(404)
    data = load_draft(item.folder)
    items = list(get_path(data, spec.path) or [])
    index = _index(number, items)
    if index is not None:
        del items[index]
        set_path(data, spec.path, items)
        _save(item, data)
    extra: dict[str, Any] = {"from": "check"} if request.args.get("from") == "check" else {}
    return redirect(url_for("parent.list_page", item_id=item.id, slug=slug, **extra), 303)


def _sections(data: dict[str, Any], item_id: str) -> list[dict[str, Any]]:
    """Rows for the check-your-answers page, one summary list per page."""
    sections = []
    for slug in ORDER:
        change = _url(slug, item_id, **{"from": "check"})
        if slug in PAGES:
            page = PAGES[slug]
            rows = [
                {
                    "key": f.summary_label or f.label,
                    "value": show_value(f, get_path(data, f.path)),
                    "change": change + f"#{f.id}",
                }
                for f in page.fields
            ]
            sections.append({"title": page.title, "rows": rows})
        else:
            spec: ListPage = LISTS[slug]
            entries = get_path(data, spec.path) or []
            rows = [
                {
                    "key": f"{spec.noun.capitalize()} {n}",
                    "value": spec.summary(entry),
                    "change": change,
                }
                for n, entry in enumerate(entries, 1)
            ]
            if not rows:
                rows = [{"key": spec.title, "value": "None added", "change": change}]
            sections.append({"title": spec.title, "rows": rows})
    return sections


@bp.route("/<item_id>/check", methods=["GET", "POST"])
def check(item_id: str) -> str | Response:
    item = _item(item_id)
    data = load_draft(item.folder)
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            loaded = validate_draft(item.folder)
        except CaseDataError as exc:
            for problem in exc.problems or []:
                slug = page_for_field(problem.location.field_text)
                title = (PAGES.get(slug) or LISTS[slug]).title
                target = _url(slug, item.id, **{"from": "check"})
                message = f"{title}: {problem.message}"
                errors[target if target not in errors else f"_{len(errors)}"] = message
            if not errors:
                errors["_0"] = exc.message
        else:
            converter = converter_of(current_app)  # the worker thread has no app context
            job = jobs_of(current_app).start(
                "Making your request letter",
                url_for("parent.documents", item_id=item.id),
                lambda scratch, progress: _make(
                    item, loaded, REQUEST, None, scratch, progress, converter
                ),
            )
            return redirect(url_for("home.job", job_id=job.id), 303)
    return render_template(
        "parent/check.html",
        title="Check your answers before making the letter",
        sections=_sections(data, item.id),
        errors=errors,
        item=item,
        back=_url(ORDER[-1], item.id),
    )


def _make(
    item: Item,
    loaded: sendocs.LoadedCase,
    which: str,
    date: dt.date | None,
    scratch: Path,
    progress: Any,
    converter: sendocs.Converter,
) -> None:
    """Render one letter as Word and PDF into the case's documents folder."""
    kind = "assessment-request" if which == REQUEST else "assessment-follow-up"
    progress("render", 0, 1)
    sendocs.render_document(
        kind,
        loaded,
        scratch,
        fmt="both",
        force=True,
        options=sendocs.RenderOptions(date=date),
        converter=converter,
    )
    target = item.folder / "documents" / which
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for made in scratch.iterdir():
        if made.is_file():
            publish_file(made, target / made.name, force=True)
    progress("render", 1, 1)


def _documents(item: Item) -> dict[str, list[Path]]:
    return {which: file_list(item.folder / "documents" / which) for which in (REQUEST, FOLLOW_UP)}


@bp.route("/<item_id>/documents", methods=["GET", "POST"])
def documents(item_id: str) -> str | Response:
    item = _item(item_id)
    errors: dict[str, str] = {}
    try:
        loaded = validate_draft(item.folder)
    except CaseDataError:
        return redirect(url_for("parent.check", item_id=item.id))
    request_ = loaded.case.assessment_request
    decision = None
    if request_ is not None and (request_.received_on or request_.sent_on):
        decision = sendocs.assessment_decision_deadline(
            request_.received_on,
            sent=None if request_.received_on else request_.sent_on,
            delivery=request_.delivery,
            exception=request_.decision_exception,
        )
    follow_field = Field(
        "letter_date", "Date on the follow-up letter", (), kind="date", hint="Usually today."
    )
    appeal_fields = (
        Field(
            "decision_date",
            "Date on the council's decision letter",
            (),
            kind="date",
            required="Enter the date on the decision letter",
        ),
        Field(
            "certificate_date",
            "Date on your mediation certificate (optional)",
            (),
            kind="date",
            hint="Leave blank if you do not have one yet.",
        ),
    )
    values: dict[str, Any] = {"letter_date": form_value(follow_field, dt.date.today())}
    saved_appeal = loaded.case.appeal
    if saved_appeal is not None:
        certificate = saved_appeal.mediation_certificate
        values["decision_date"] = form_value(appeal_fields[0], saved_appeal.decision.date_sent)
        values["certificate_date"] = form_value(
            appeal_fields[1], certificate.issued_on if certificate else None
        )
    form = request.form.get("form")
    if request.method == "POST" and form == "follow-up":
        parsed, values, errors = parse_fields([follow_field], request.form)
        date = parsed["letter_date"] or dt.date.today()
        if not errors:
            kind = sendocs.get_kind("assessment-follow-up")
            reasons = kind.check(loaded.case, sendocs.RenderOptions(date=date))
            if reasons:
                errors["letter_date-day"] = reasons[0][0].upper() + reasons[0][1:]
            else:
                converter = converter_of(current_app)
                job = jobs_of(current_app).start(
                    "Making your follow-up letter",
                    url_for("parent.documents", item_id=item.id),
                    lambda scratch, progress: _make(
                        item, loaded, FOLLOW_UP, date, scratch, progress, converter
                    ),
                )
                return redirect(url_for("home.job", job_id=job.id), 303)
    elif request.method == "POST" and form == "appeal":
        parsed, shown, errors = parse_fields(appeal_fields, request.form)
        values.update(shown)
        if not errors:
            _save_decision(item, parsed["decision_date"], parsed["certificate_date"])
            return redirect(url_for("parent.documents", item_id=item.id) + "#appeal-result", 303)
    today = dt.date.today()
    appeal = None
    if saved_appeal is not None:
        certificate = saved_appeal.mediation_certificate
        appeal = sendocs.appeal_deadline(
            saved_appeal.decision.date_sent, certificate.issued_on if certificate else None
        )
    return render_template(
        "parent/documents.html",
        title="Your request letter",
        item=item,
        loaded=loaded,
        decision=decision,
        files=_documents(item),
        errors=errors,
        values=values,
        follow_field=follow_field,
        appeal_fields=appeal_fields,
        appeal=appeal,
        appeal_passed=appeal is not None and appeal.has_passed(today),
        appeal_status=appeal.status(today) if appeal is not None else "",
        back=url_for("parent.check", item_id=item.id),
    )


def _save_decision(item: Item, decided: dt.date, certificate: dt.date | None) -> None:
    """Keep the council's decision (and any mediation certificate) in the case file.

    A refusal to assess unless the case already records another kind of appeal;
    the saved case then carries the decision into ``sendocs deadlines`` and the
    appeal documents.
    """
    data = load_draft(item.folder)
    appeal = dict(data.get("appeal") or {})
    appeal.setdefault("appeal_type", "refusal_to_assess")
    appeal["decision"] = {**(appeal.get("decision") or {}), "date_sent": decided.isoformat()}
    if certificate is not None:
        appeal["mediation_certificate"] = {
            **(appeal.get("mediation_certificate") or {}),
            "issued_on": certificate.isoformat(),
        }
    else:
        appeal.pop("mediation_certificate", None)
    data["appeal"] = appeal
    _save(item, data)


@bp.get("/<item_id>/file/<which>/<int:number>")
def file(item_id: str, which: str, number: int) -> Response:
    item = _item(item_id)
    files = _documents(item).get(which) or abort(404)
    return send_listed(files, number, inline=request.args.get("inline") == "1")


@bp.get("/<item_id>/case.yaml")
def download_case(item_id: str) -> Response:
    item = _item(item_id)
    data = load_draft(item.folder)
    name = "_".join(child_label(data).split()) or "case"
    response = Response(dump_case(data), mimetype="application/x-yaml")
    response.headers["Content-Disposition"] = f'attachment; filename="{_ascii(name)}_case.yaml"'
    return response


def _ascii(text: str) -> str:
    return "".join(c for c in text if c.isascii() and (c.isalnum() or c in "-_")) or "case"
