"""The checks a bundle must pass under PD 1/2025, reported as warnings, never refusals.

A bundle over a limit may still be filed with an explanatory note or a SEND7
request, so the builder warns and the solicitor decides. How sections map to
the PD's limits (``SectionRole``) and every figure is configurable: the
per-appeal-type evidence table is UNVERIFIED.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sendocs.bundle.inputs import BadDocument, LoadedDocument
from sendocs.bundle.layout import BundleLayout
from sendocs.bundle.report import BundleWarning
from sendocs.bundle.spec import BundleSpec, Party, SectionRole
from sendocs.models.vocabulary import EvidenceKind

__all__ = ["run_checks"]

_ROLE_NAMES = {
    SectionRole.CORE: "core bundle",
    SectionRole.EHC_PLAN: "EHC plan and appendices",
    SectionRole.WORKING_DOCUMENT: "working document",
}
_PARTY_NAMES = {
    Party.PARENT: "the parent's",
    Party.LOCAL_AUTHORITY: "the local authority's",
    Party.JOINT: "joint",
    None: "unattributed",
}


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _opening_warnings(entry: LoadedDocument, name: str) -> list[BundleWarning]:
    """What it took to open the document: repaired, re-drawn as images, signed, chatter."""
    out: list[BundleWarning] = []
    details = tuple(entry.log)
    if entry.rasterised:
        out.append(
            BundleWarning(
                "rasterised",
                f"{name} was damaged beyond ordinary repair; its pages were re-drawn as images "
                "of what a viewer shows, so its text can no longer be searched or selected. "
                "Ask for a better copy if you can, or run OCR (--ocr).",
                details,
            )
        )
    elif entry.repairs:
        out.append(
            BundleWarning("repaired", f"{name} was repaired: {'; '.join(entry.repairs)}.", details)
        )
    elif details:
        out.append(
            BundleWarning(
                "reader_messages", f"{name}: the PDF reader reported oddities (harmless).", details
            )
        )
    if entry.xfa:
        out.append(
            BundleWarning(
                "xfa_form",
                f"{name} is an XFA (Adobe LiveCycle) form: the bundle shows its ordinary form "
                "pages, as they print. Check they show the answers; if not, print it to PDF "
                "from Adobe Reader and add the printed copy instead.",
            )
        )
    if entry.signed:
        out.append(
            BundleWarning(
                "signature_invalidated",
                f"{name} is digitally signed; the signature will no longer validate inside the "
                "bundle. Keep the signed original to show if its signature is questioned.",
            )
        )
    return out


def run_checks(spec: BundleSpec, layout: BundleLayout) -> list[BundleWarning]:
    """Every check of the bundle as laid out; warnings in bundle order."""
    limits = spec.limits
    warnings: list[BundleWarning] = []
    role_pages: dict[SectionRole, int] = defaultdict(int)
    party_pages: dict[Party | None, int] = defaultdict(int)
    seen: dict[str, str] = {}
    for section in layout.sections:
        role = section.spec.effective_role
        if role is SectionRole.EVIDENCE:
            party_pages[section.spec.party] += section.page_count
        else:
            role_pages[role] += section.page_count
        if section.spec.page_limit and section.page_count > section.spec.page_limit:
            warnings.append(
                BundleWarning(
                    "section_page_limit",
                    f"Section {section.label} ({section.spec.title}) has {section.page_count} "
                    f"pages; its limit is {section.spec.page_limit}.",
                )
            )
        for placed in section.documents:
            entry = placed.entry
            doc = entry.spec
            name = f"{section.label}/{placed.number} {doc.title!r}"
            if isinstance(entry, BadDocument):
                warnings.append(
                    BundleWarning("not_included", f"{name} not included: {entry.reason}.")
                )
                continue
            assert isinstance(entry, LoadedDocument)
            pages = placed.page_count
            if doc.kind is EvidenceKind.EXPERT_REPORT and pages > limits.expert_report:
                warnings.append(
                    BundleWarning(
                        "expert_report_length",
                        f"Expert report {name} has {pages} pages; PD 1/2025 allows "
                        f"{limits.expert_report} A4 pages including a summary of at most 2.",
                    )
                )
            if doc.kind is EvidenceKind.WITNESS_STATEMENT and pages > limits.witness_statement:
                warnings.append(
                    BundleWarning(
                        "witness_statement_length",
                        f"Witness statement {name} has {pages} pages; the limit is "
                        f"{limits.witness_statement} A4 pages excluding exhibits (if it "
                        "includes exhibits, file them separately or add an explanatory note).",
                    )
                )
            if (
                doc.kind is EvidenceKind.EXPERT_REPORT
                and spec.hearing_date is not None
                and doc.date < _years_before(spec.hearing_date, limits.expert_report_max_age_years)
            ):
                warnings.append(
                    BundleWarning(
                        "expert_report_age",
                        f"Expert report {name} is dated {doc.date.isoformat()}, more than "
                        f"{limits.expert_report_max_age_years} years before the hearing.",
                    )
                )
            warnings += _opening_warnings(entry, name)
            scanned = entry.scanned_pages
            if scanned and not entry.rasterised:  # the rasterised warning says it already
                listed = ", ".join(
                    layout.labels[placed.first_page + i]  # type: ignore[operator]
                    for i in scanned[:10]
                )
                more = f" and {len(scanned) - 10} more" if len(scanned) > 10 else ""
                plural = "s" if len(scanned) > 1 else ""
                verb = "have" if plural else "has"
                warnings.append(
                    BundleWarning(
                        "no_text_layer",
                        f"{name}: {len(scanned)} page{plural} {verb} no text layer (scanned "
                        f"image{plural}): bundle page{plural} {listed}{more}. Build the bundle "
                        "again with OCR (--ocr) so the tribunal can search and select the text.",
                    )
                )
            if entry.sha256 in seen:
                warnings.append(
                    BundleWarning(
                        "duplicate_document",
                        f"{name} is the same file as {seen[entry.sha256]}.",
                    )
                )
            else:
                seen[entry.sha256] = name
    role_limits = {
        SectionRole.CORE: limits.core_bundle,
        SectionRole.EHC_PLAN: limits.ehc_plan,
        SectionRole.WORKING_DOCUMENT: limits.working_document,
    }
    for role, limit in role_limits.items():
        if role_pages[role] > limit:
            warnings.append(
                BundleWarning(
                    f"{role.value}_limit",
                    f"The {_ROLE_NAMES[role]} has {role_pages[role]} pages; the limit is "
                    f"{limit} (more only with the tribunal's permission, form SEND7).",
                )
            )
    for party, pages in party_pages.items():
        if party is not Party.JOINT and pages > limits.evidence_per_party:
            warnings.append(
                BundleWarning(
                    "party_evidence_limit",
                    f"{_PARTY_NAMES[party].capitalize()} additional evidence has {pages} pages; "
                    f"the configured limit is {limits.evidence_per_party} (PD 1/2025: 75–100 "
                    "per party by appeal type; set limits.evidence_per_party).",
                )
            )
    return warnings
