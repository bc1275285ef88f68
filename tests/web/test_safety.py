"""Safe by default, checked without a browser: hosts, CSRF, uploads, deletion, errors, logs."""

from __future__ import annotations

import io
import logging
import re
import socket
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from sendocs.testing import FakeConverter
from sendocs.web import create_app, make_local_server
from sendocs.web.app import close_app
from sendocs.web.forms import Field, parse_fields
from sendocs.web.parent_questions import page_for_field

HOST = {"Host": "127.0.0.1:8765"}


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    # A fake converter: these tests make no PDFs, and must not start LibreOffice.
    made = create_app(tmp_path / "data", max_upload_mb=1, converter=FakeConverter())
    yield made
    close_app(made)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def _token(client: FlaskClient) -> str:
    page = client.get("/", headers=HOST).get_data(as_text=True)
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match
    return match.group(1)


def test_only_local_host_names_are_answered(client: FlaskClient) -> None:
    assert client.get("/", headers={"Host": "localhost:8765"}).status_code == 200
    assert client.get("/", headers=HOST).status_code == 200
    rebinding = client.get("/", headers={"Host": "attacker.example:8765"})
    assert rebinding.status_code == 421
    assert "Wrong address" in rebinding.get_data(as_text=True)


def test_every_form_needs_the_csrf_token(client: FlaskClient) -> None:
    refused = client.post("/parent/new", headers=HOST)
    assert refused.status_code == 400
    assert "Your form could not be sent" in refused.get_data(as_text=True)
    forged = client.post("/parent/new", data={"csrf_token": "guess"}, headers=HOST)
    assert forged.status_code == 400
    made = client.post("/parent/new", data={"csrf_token": _token(client)}, headers=HOST)
    assert made.status_code == 303


def test_pages_set_a_policy_that_allows_no_other_host(client: FlaskClient) -> None:
    response = client.get("/", headers=HOST)
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "http" not in policy
    html = response.get_data(as_text=True)
    assert not re.search(r'(src|href)="(https?:)?//', html)  # every asset is local


def test_upload_type_and_size_are_checked(client: FlaskClient, app: Flask) -> None:
    token = _token(client)
    wrong = client.post(
        "/senco/",
        data={"csrf_token": token, "roster": (io.BytesIO(b"%PDF-1.4"), "pupils.pdf")},
        headers=HOST,
        content_type="multipart/form-data",
    )
    assert "must be a CSV or XLSX file (pupils.pdf is not)" in wrong.get_data(as_text=True)
    renamed = client.post(
        "/senco/",
        data={"csrf_token": token, "roster": (io.BytesIO(b"\x00\x01binary"), "pupils.csv")},
        headers=HOST,
        content_type="multipart/form-data",
    )
    assert "not a real CSV file" in renamed.get_data(as_text=True)
    big = client.post(
        "/senco/",
        data={"csrf_token": token, "roster": (io.BytesIO(b"a," * 600_000), "pupils.csv")},
        headers=HOST,
        content_type="multipart/form-data",
    )
    assert big.status_code == 413
    assert "The file is too large" in big.get_data(as_text=True)
    root: Path = app.config["SENDOCS_STORE"].root
    assert not any((root / "senco").iterdir())  # nothing kept from refused uploads


def test_uploaded_names_never_become_paths(client: FlaskClient, app: Flask) -> None:
    client.post(
        "/senco/",
        data={
            "csrf_token": _token(client),
            "roster": (io.BytesIO(b"UPN,Legal Surname\n"), "../../../evil.csv"),
        },
        headers=HOST,
        content_type="multipart/form-data",
    )
    root: Path = app.config["SENDOCS_STORE"].root
    (run,) = (root / "senco").iterdir()
    assert sorted(p.name for p in run.iterdir()) == ["meta.json", "roster.csv"]
    assert not (root.parent / "evil.csv").exists()


def test_a_case_can_be_deleted(client: FlaskClient, app: Flask) -> None:
    token = _token(client)
    client.post("/parent/new", data={"csrf_token": token}, headers=HOST)
    root: Path = app.config["SENDOCS_STORE"].root
    (case,) = (root / "parent").iterdir()
    confirm = client.get(f"/delete/parent/{case.name}", headers=HOST)
    assert "You cannot undo this" in confirm.get_data(as_text=True)
    client.post(f"/delete/parent/{case.name}", data={"csrf_token": token}, headers=HOST)
    assert not case.exists()
    assert client.get(f"/parent/{case.name}/check", headers=HOST).status_code == 404
    assert client.get("/delete/parent/..%2F..", headers=HOST).status_code == 404


def test_a_bug_shows_a_message_not_a_traceback(app: Flask, client: FlaskClient) -> None:
    def broken() -> str:
        raise RuntimeError("secret detail about Lily Baker")

    app.add_url_rule("/broken", "broken", broken)
    response = client.get("/broken", headers=HOST)
    text = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Sorry, there is a problem with sendocs" in text
    assert "Traceback" not in text and "Lily" not in text


def test_dates_and_numbers_are_checked_in_users_words() -> None:
    fields = [
        Field("dob", "Date of birth", ("d",), kind="date", required="Enter the date of birth"),
        Field(
            "n",
            "How many minutes each time?",
            ("n",),
            kind="number",
            integer=True,
            minimum=1,
            maximum=600,
            required="Enter how many minutes",
        ),
    ]
    _, _, errors = parse_fields(
        fields, {"dob-day": "31", "dob-month": "2", "dob-year": "2020", "n": "2.5"}
    )
    assert errors == {
        "dob-day": "Date of birth must be a real date",
        "n": "How many minutes each time must be a whole number",
    }
    _, _, errors = parse_fields(fields, {"dob-day": "3", "n": ""})
    assert errors["dob-day"] == "Date of birth must include a month and year"
    assert errors["n"] == "Enter how many minutes"


def test_case_file_problems_lead_to_the_page_that_fixes_them() -> None:
    assert page_for_field("child.year_group") == "child-birth"
    assert page_for_field("cycles[2].provision[1].minutes_per_session") == "support"
    assert page_for_field("cycles[1].review_date") == "support-dates"
    assert page_for_field("parents[1].email") == "you"


def test_follow_up_too_early_says_when_it_can_be_made(
    client: FlaskClient, app: Flask, kai_path: Path
) -> None:
    token = _token(client)
    opened = client.post(
        "/parent/open",
        data={"csrf_token": token, "casefile": (io.BytesIO(kai_path.read_bytes()), "kai.yaml")},
        headers=HOST,
        content_type="multipart/form-data",
    )
    assert opened.status_code == 303
    item = opened.headers["Location"].split("/")[2]
    page = client.post(
        f"/parent/{item}/documents",
        data={
            "csrf_token": token,
            "form": "follow-up",
            "letter_date-day": "24",
            "letter_date-month": "11",
            "letter_date-year": "2026",
        },
        headers=HOST,
    ).get_data(as_text=True)
    assert "The local authority still has time" in page
    assert "4 January 2027" in page


def test_a_broken_case_file_is_refused_with_its_lines(client: FlaskClient) -> None:
    bad = b"child:\n  legal_forename: Kai\n"
    page = client.post(
        "/parent/open",
        data={"csrf_token": _token(client), "casefile": (io.BytesIO(bad), "kai.yaml")},
        headers=HOST,
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    assert "The case file has problems" in page
    assert "child.legal_surname" in page


def test_the_server_listens_on_loopback_only_and_logs_no_paths(tmp_path: Path, caplog: Any) -> None:
    server = make_local_server(tmp_path, 0)
    assert server.server_address[0] == "127.0.0.1"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with caplog.at_level(logging.INFO):
            urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}/?child=Lily+Baker")
        assert "Lily" not in caplog.text and "child=" not in caplog.text
        outside = _an_address_that_is_not_loopback()
        if outside:
            with socket.socket() as probe, pytest.raises(OSError):
                probe.settimeout(1)
                probe.connect((outside, server.server_port))
    finally:
        server.shutdown()
        server.server_close()


def _an_address_that_is_not_loopback() -> str | None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        try:
            udp.connect(("192.0.2.1", 9))  # TEST-NET: no packet is sent by a UDP connect
            address: str = udp.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address
