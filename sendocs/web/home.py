"""The start page, deleting saved items, and the status page of a running job."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from sendocs.web.app import jobs_of, passwords_of, store_of
from sendocs.web.store import JOURNEYS

__all__ = ["bp"]

bp = Blueprint("home", __name__)

_OPEN = {"parent": "parent.check", "senco": "senco.check", "solicitor": "solicitor.documents"}
_NAMES = {"parent": "case", "senco": "school run", "solicitor": "bundle"}


@bp.get("/")
def index() -> str:
    store = store_of(current_app)
    saved = {journey: store.items(journey) for journey in JOURNEYS}
    return render_template(
        "home.html",
        title="Make SEND documents on your computer",
        saved=saved,
        open=_OPEN,
        names=_NAMES,
        data_dir=store.root,
    )


@bp.route("/delete/<journey>/<item_id>", methods=["GET", "POST"])
def delete(journey: str, item_id: str) -> str | Response:
    store = store_of(current_app)
    item = store.get(journey, item_id) if journey in JOURNEYS else None
    if item is None:
        abort(404)
    if request.method == "POST":
        store.delete(item)
        passwords_of(current_app).forget(item.id)
        return redirect(url_for("home.index"), 303)
    return render_template(
        "delete.html",
        title=f"Delete {item.label}?",
        item=item,
        noun=_NAMES[item.journey],
        back=url_for("home.index"),
    )


@bp.get("/jobs/<job_id>")
def job(job_id: str) -> str | Response:
    found = jobs_of(current_app).get(job_id)
    if found is None:
        abort(404)
    if found.state == "done":
        return redirect(found.done_url, 303)
    return render_template("job.html", title=found.title, job=found)
