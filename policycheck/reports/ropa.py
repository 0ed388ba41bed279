"""The record of processing activities (Art. 30(1)), one entry per purpose, from the declarations.

(a) the controller, its contact and DPO (``policycheck.yaml``); (b) the purpose
and its lawful basis; (c) data subjects and categories of personal data;
(d) the processors, sub-processors and recipients that hold the data for that
purpose (from the data map); (e) transfers to third countries with their
safeguard; (f) the time limits for erasure (retention, from when, and the law
requiring it); (g) a general description of the security measures of the
systems holding the data.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from policycheck.escape import csv_cell
from policycheck.graph.facts import TransferParties, category_order, transfer_parties
from policycheck.reference import reference
from policycheck.reports.i18n import Texts
from policycheck.reports.registers import safeguard_text
from policycheck.support import wording

if TYPE_CHECKING:
    import datetime as dt

    from policycheck.graph import DataMap
    from policycheck.model import Repo


@dataclass(frozen=True)
class Controller:
    name: str
    country: str
    contact: str | None
    dpo_name: str | None
    dpo_email: str | None


@dataclass(frozen=True)
class CategoryRef:
    id: str
    name: str
    special: str | None  # "art9" | "art10" | None


@dataclass(frozen=True)
class RecipientRef:
    id: str
    name: str
    role: str  # processor | subprocessor | authority | partner | other
    countries: tuple[str, ...]
    third_countries: tuple[str, ...]


@dataclass(frozen=True)
class TransferRef:
    holder: str
    holder_name: str
    country: str
    country_name: str
    mechanism: str | None
    basis: str  # adequacy | adequacy-partial | safeguard | none
    decision: str | None
    verified: bool | None  # of the adequacy decision relied on, if any
    #: the transfer register: who exports to whom in which roles, the SCC module that applies, the TIA
    exporter: str = "organization"
    exporter_name: str = ""
    exporter_role: str = "controller"
    importer: str = ""
    importer_name: str = ""
    importer_role: str = ""
    scc_module: int | None = None
    declared_scc_module: int | None = None
    tia: str | None = None


@dataclass(frozen=True)
class RetentionException:
    system: str
    system_name: str
    retention: str


@dataclass(frozen=True)
class SystemSecurity:
    id: str
    name: str
    access_control: str | None
    mfa: bool | None
    encryption_at_rest: bool | None
    audit_log: bool | None


@dataclass(frozen=True)
class RopaEntry:
    id: str
    name: str
    description: str | None
    lawful_basis: str | None
    assessment: str | None
    consent_record: str | None
    special_condition: str | None
    controller: Controller
    subjects: tuple[str, ...]
    categories: tuple[CategoryRef, ...]
    recipients: tuple[RecipientRef, ...]
    transfers: tuple[TransferRef, ...]
    retention: str | None
    retention_from: str | None
    retention_basis: str | None
    #: False when a law named in retention_basis matches reference data tagged unverified;
    #: None when there is no basis or no law in it is in the reference data
    retention_basis_verified: bool | None
    retention_exceptions: tuple[RetentionException, ...]
    systems: tuple[SystemSecurity, ...]


def _party_name(repo: Repo, node: str) -> str:
    if node == "organization":
        return repo.config.organization.name
    holder = repo.holder(node)
    return holder.name if holder else node


def controller(repo: Repo) -> Controller:
    org = repo.config.organization
    return Controller(org.name, org.country, org.privacy_contact,
                      org.dpo.name if org.dpo else None, org.dpo.email if org.dpo else None)


def build(repo: Repo, dmap: DataMap) -> tuple[RopaEntry, ...]:
    """One entry per declared purpose, in the order of ``purposes.yaml``."""
    ref = reference()
    ctrl = controller(repo)
    subs_of: dict[str, set[str]] = {}
    for pid, p in repo.processors.items():
        for sub in p.subprocessors:
            subs_of.setdefault(sub, set()).add(pid)
    direct = set()
    for s in repo.systems.values():
        if s.processor:
            direct.add(s.processor)
        direct.update(f.to for f in s.flows if f.to in repo.processors)
    # per purpose, the systems and the other holders (processors, recipients) processing for it:
    # one pass over the nodes, not one per purpose
    systems_for: dict[str | None, list[str]] = {}
    holders_for: dict[str | None, list[str]] = {}
    processed_for = dmap.processed_for
    for sid in repo.systems:
        for used_for in processed_for.get(sid, ()):
            systems_for.setdefault(used_for, []).append(sid)
    for n in dmap.links.nodes:
        if n not in repo.systems:
            for used_for in processed_for.get(n, ()):
                holders_for.setdefault(used_for, []).append(n)
    entries = []
    for pid, purpose in repo.purposes.items():
        systems = sorted(systems_for.get(pid, ()))
        stored = {c for sid in systems for c in dmap.processed_for[sid][pid]}
        cats = category_order(repo, set(purpose.categories) | stored)
        categories = []
        for cid in cats:
            c = repo.categories.get(cid)
            special = None
            if c is not None and c.special == "criminal":
                special = "art10"
            elif c is not None and c.special:
                special = "art9"
            categories.append(CategoryRef(cid, c.name if c else cid, special))

        holders = sorted(holders_for.get(pid, ()))
        recipients = []
        for nid in holders:
            countries = dmap.countries.get(nid, ())
            third = tuple(c for c in countries if not ref.in_eea(c))
            if nid in repo.processors:
                role = "processor" if nid in direct or nid not in subs_of else "subprocessor"
                recipients.append(RecipientRef(nid, repo.processors[nid].name, role, countries, third))
            else:
                r = repo.recipients[nid]
                recipients.append(RecipientRef(nid, r.name, r.kind, countries, third))
        role_order = {"processor": 0, "subprocessor": 1}
        recipients.sort(key=lambda r: (role_order.get(r.role, 2), r.name.casefold(), r.id))

        transfers = []
        for nid in systems + holders:
            for t in dmap.transfers.get(nid, ()):
                decision = ref.adequacy.get(t.country) if t.decision else None
                holder = repo.holder(nid)
                parties = transfer_parties(repo, dmap.engaged_processors, dmap.engaging, t)
                transfers.append(TransferRef(
                    nid, holder.name if holder else nid, t.country, ref.country_name(t.country),
                    t.mechanism, t.basis, t.decision, decision.verified if decision else None,
                    parties.exporter, _party_name(repo, parties.exporter), parties.exporter_role,
                    parties.importer, _party_name(repo, parties.importer), parties.importer_role,
                    parties.scc_module, parties.declared_scc_module, parties.tia))
        transfers.sort(key=lambda t: (t.country, t.holder_name.casefold(), t.holder))

        exceptions = []
        for sid in systems:
            for st in repo.systems[sid].stores:
                if st.purpose == pid and st.retention is not None and (
                        purpose.retention is None or st.retention.text != purpose.retention.text):
                    exceptions.append(RetentionException(sid, repo.systems[sid].name, st.retention.text))
        security = []
        for sid in systems:
            s = repo.systems[sid]
            sec = s.security
            security.append(SystemSecurity(
                sid, s.name, sec.access_control if sec else None, sec.mfa if sec else None,
                sec.encryption_at_rest if sec else None, sec.audit_log if sec else None))
        entries.append(RopaEntry(
            id=pid,
            name=purpose.name,
            description=purpose.description,
            lawful_basis=purpose.lawful_basis,
            assessment=purpose.assessment,
            consent_record=purpose.consent_record,
            special_condition=purpose.special_condition,
            controller=ctrl,
            subjects=tuple(purpose.subjects),
            categories=tuple(categories),
            recipients=tuple(recipients),
            transfers=tuple(transfers),
            retention=purpose.retention.text if purpose.retention else None,
            retention_from=purpose.retention_from,
            retention_basis=purpose.retention_basis,
            retention_basis_verified=_law_verified(purpose.retention_basis),
            retention_exceptions=tuple(sorted(set(exceptions), key=lambda e: (e.system_name.casefold(), e.system))),
            systems=tuple(security),
        ))
    return tuple(entries)


def _law_verified(basis: str | None) -> bool | None:
    """Whether the laws of ``basis`` that the reference data knows are verified there."""
    refs = tuple(r for r in wording.laws(basis) if r.id is not None)
    return wording.laws_verified(refs) if refs else None


# --- text of each Art. 30(1) item ------------------------------------------------------


def _duration_text(iso: str | None, t: Texts) -> str:
    from policycheck.model.types import Duration

    return t.duration(Duration.parse(iso)) if iso else t("report.not_declared")


def controller_lines(c: Controller, t: Texts) -> list[str]:
    ref = reference()
    lines = [t("ropa.controller", name=c.name, country=ref.country_name(c.country, t.lang))]
    if c.contact:
        lines.append(t("ropa.contact", contact=c.contact))
    if c.dpo_name:
        dpo = c.dpo_name + (f" <{c.dpo_email}>" if c.dpo_email else "")
        lines.append(t("ropa.dpo", dpo=dpo))
    return lines


def purpose_lines(e: RopaEntry, t: Texts) -> list[str]:
    lines = [e.name]
    if e.description:
        lines.append(e.description)
    return lines


def basis_lines(e: RopaEntry, t: Texts) -> list[str]:
    lines = [t.lawful_basis(e.lawful_basis)]
    if e.assessment:
        lines.append(t("ropa.assessment", file=e.assessment))
    if e.consent_record:
        lines.append(t("ropa.consent_record", system=e.consent_record))
    if e.special_condition:
        lines.append(t("ropa.special_condition", condition=t.special_condition(e.special_condition)))
    return lines


def subject_lines(e: RopaEntry, t: Texts) -> list[str]:
    return [", ".join(t.subject_kind(s) for s in e.subjects) or t("report.not_declared")]


def category_lines(e: RopaEntry, t: Texts) -> list[str]:
    out = []
    for c in e.categories:
        if c.special == "art9":
            out.append(f"{c.name} ({t('ropa.special')})")
        elif c.special == "art10":
            out.append(f"{c.name} ({t('ropa.criminal')})")
        else:
            out.append(c.name)
    return out or [t("report.not_declared")]


def recipient_lines(e: RopaEntry, t: Texts) -> list[str]:
    if not e.recipients:
        return [t("ropa.no_recipients")]
    out = []
    for r in e.recipients:
        role = t(f"ropa.recipient.{r.role}") if r.role in (
            "processor", "subprocessor", "authority", "partner", "other") else r.role
        out.append(f"{r.name} ({role}; {', '.join(r.countries)})")
    return out


def transfer_lines(e: RopaEntry, t: Texts) -> list[str]:
    if not e.transfers:
        return [t("ropa.no_transfers")]
    out = []
    for tr in e.transfers:
        name = reference().country_name(tr.country, t.lang)
        line = t("ropa.transfer", country=f"{name} ({tr.country})", holder=tr.holder_name,
                 basis=transfer_basis_text(tr, t))
        if tr.importer:
            roles = t("transfers.parties", exporter=tr.exporter_name, exporter_role=t(f"role.{tr.exporter_role}"),
                      importer=tr.importer_name, importer_role=t(f"role.{tr.importer_role}"))
            parties = TransferParties(tr.exporter, tr.exporter_role, tr.importer, tr.importer_role,
                                      tr.scc_module, tr.declared_scc_module, tr.tia)
            line += f"; {roles}; {safeguard_text(parties, t)}"
        out.append(line)
    return out


def transfer_basis_text(tr: TransferRef, t: Texts) -> str:
    """What makes a transfer lawful, in words: the decision or safeguard, or its absence."""
    if tr.basis in ("adequacy", "adequacy-partial"):
        text = f"{t('basis.adequacy')} {tr.decision}"
        if tr.basis == "adequacy-partial":
            text += f", {t('mechanism.dpf') if tr.mechanism == 'dpf' else t('basis.in_scope')}"
        if tr.verified is False:
            text += f" [{t('report.unverified')}]"
        return text
    if tr.basis == "safeguard":
        return f"{t('basis.safeguard')}: {t.mechanism(tr.mechanism)}"
    if tr.mechanism is None:
        return t("basis.none_unset")
    return t("basis.none_declared", mechanism=tr.mechanism)


def retention_lines(e: RopaEntry, t: Texts) -> list[str]:
    if e.retention is None:
        lines = [t("ropa.retention_unset")]
    else:
        start = t.retention_start(e.retention_from)
        words = _duration_text(e.retention, t)
        lines = [t("ropa.retention", duration=words, start=start) if start else words]
    if e.retention_basis:
        basis = e.retention_basis
        if e.retention_basis_verified is False:
            basis += f" [{t('report.unverified')}]"
        lines.append(t("ropa.retention_basis", basis=basis))
    for x in e.retention_exceptions:
        lines.append(t("ropa.retention_exception", system=x.system_name, duration=_duration_text(x.retention, t)))
    return lines


def security_lines(e: RopaEntry, t: Texts, repo_policy: tuple[str, str | None] | None = None) -> list[str]:
    """Per measure: in how many of the systems holding the data it is in place, and where not."""
    if not e.systems:
        lines = [t("ropa.security.no_systems")]
    else:
        n = len(e.systems)
        checks = (
            ("ropa.security.access", lambda s: s.access_control == "role-based"),
            ("ropa.security.mfa", lambda s: s.mfa is True),
            ("ropa.security.encryption", lambda s: s.encryption_at_rest is True),
            ("ropa.security.audit", lambda s: s.audit_log is True),
        )
        lines = []
        for key, ok in checks:
            missing = [s.name for s in e.systems if not ok(s)]
            if not missing:
                status = t.plural("ropa.security.all", n)
            else:
                status = t.plural("ropa.security.some", n, k=n - len(missing), missing=", ".join(missing))
            lines.append(f"{t(key)}: {status}")
    if repo_policy is not None:
        title, approved = repo_policy
        lines.append(t("ropa.security.policy", title=title, date=approved) if approved
                     else t("ropa.security.policy_unapproved", title=title))
    return lines


def security_policy(repo: Repo) -> tuple[str, str | None] | None:
    """The information-security policy, as (title, approval date), if the repo has one."""
    doc = repo.policies.get("information-security")
    if doc is None:
        return None
    return doc.title, doc.approved.isoformat() if doc.approved else None


COLUMNS: tuple[str, ...] = ("id", "a", "b", "lawful_basis", "c", "d", "e", "f", "g")


def cells(e: RopaEntry, t: Texts, policy: tuple[str, str | None] | None) -> dict[str, list[str]]:
    """The text of each column of one entry, as lines."""
    return {
        "id": [e.id],
        "a": controller_lines(e.controller, t),
        "b": purpose_lines(e, t),
        "lawful_basis": basis_lines(e, t),
        "c": [f"{t('ropa.subjects')}: {subject_lines(e, t)[0]}",
              f"{t('ropa.categories')}: {'; '.join(category_lines(e, t))}"],
        "d": recipient_lines(e, t),
        "e": transfer_lines(e, t),
        "f": retention_lines(e, t),
        "g": security_lines(e, t, policy),
    }


def headers(t: Texts) -> dict[str, str]:
    return {"id": t("ropa.id"), "a": t("ropa.a"), "b": t("ropa.b"), "lawful_basis": t("ropa.lawful_basis"),
            "c": t("ropa.c"), "d": t("ropa.d"), "e": t("ropa.e"), "f": t("ropa.f"), "g": t("ropa.g")}


# --- formats ------------------------------------------------------------------------------


#: the byte order mark: without it Excel reads a UTF-8 file as the local code page ("Ã„ndamÃ¥ls-id")
BOM = "\ufeff"


def to_csv(entries: tuple[RopaEntry, ...], t: Texts, policy: tuple[str, str | None] | None) -> str:
    """One row per purpose; items within a cell on separate lines; UTF-8 with a byte order mark."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\n")
    head = headers(t)
    writer.writerow([csv_cell(head[c]) for c in COLUMNS])
    for e in entries:
        row = cells(e, t, policy)
        # every cell through csv_cell: a name like =HYPERLINK(...) stays text in a spreadsheet
        writer.writerow([csv_cell("\n".join(row[c])) for c in COLUMNS])
    return out.getvalue()


def to_markdown(entries: tuple[RopaEntry, ...], t: Texts, policy: tuple[str, str | None] | None,
                org: str, as_of: str) -> str:
    from policycheck.reports.templating import environment

    rows = [cells(e, t, policy) for e in entries]
    return environment().get_template("ropa.md.j2").render(
        t=t, rows=rows, head=headers(t), columns=COLUMNS, org=org, as_of=as_of)


def to_json(entries: tuple[RopaEntry, ...], ctrl: Controller, t: Texts,
            policy: tuple[str, str | None] | None, as_of: str) -> str:
    activities = []
    for e in entries:
        text = cells(e, t, policy)
        activities.append({
            "id": e.id,
            "a_controller": asdict(e.controller),
            "b_purpose": {"name": e.name, "description": e.description, "lawful_basis": e.lawful_basis,
                          "assessment": e.assessment, "consent_record": e.consent_record,
                          "special_condition": e.special_condition},
            "c_categories": {"data_subjects": list(e.subjects),
                             "personal_data": [asdict(c) for c in e.categories]},
            "d_recipients": [asdict(r) for r in e.recipients],
            "e_transfers": [asdict(tr) for tr in e.transfers],
            "f_erasure": {"retention": e.retention, "retention_from": e.retention_from,
                          "retention_basis": e.retention_basis,
                          "retention_basis_verified": e.retention_basis_verified,
                          "exceptions": [asdict(x) for x in e.retention_exceptions],
                          "text": text["f"]},
            "g_security": {"systems": [asdict(s) for s in e.systems], "text": text["g"]},
        })
    doc = {"as_of": as_of, "controller": asdict(ctrl), "activities": activities}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


# --- the workbook ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Register:
    """One sheet of the workbook: its title, the column headers and the rows (each cell as lines)."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[tuple[str, ...], ...], ...]


def registers(entries: tuple[RopaEntry, ...], t: Texts, policy: tuple[str, str | None] | None) -> tuple[Register, ...]:
    """The registers of the workbook, one sheet each: the processing activities (Art. 30(1))."""
    head = headers(t)
    rows = []
    for e in entries:
        text = cells(e, t, policy)
        rows.append(tuple(tuple(text[c]) for c in COLUMNS))
    return (Register(t("ropa.sheet.activities"), tuple(head[c] for c in COLUMNS), tuple(rows)),)


#: what a spreadsheet would read as the start of a formula (or of a DDE payload)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: column widths in characters: at least the header's longest word, at most this
MIN_WIDTH, MAX_WIDTH = 10, 50
#: a row's height per line of text, in points; Excel's largest row height
LINE_HEIGHT, MAX_HEIGHT = 15, 409
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_name(title: str, taken: set[str]) -> str:
    r"""A valid, unique Excel sheet name: at most 31 characters, none of ``[]:*?/\``."""
    base = _SHEET_FORBIDDEN.sub(" ", title).strip("' ")[:31] or "Sheet"
    name, n = base, 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.casefold())
    return name


def _width(lines: Iterable[str]) -> int:
    return max((len(line) for line in lines), default=0)


def to_xlsx(regs: tuple[Register, ...], t: Texts, org: str, as_of: dt.date) -> bytes:
    """An Excel workbook, one sheet per register: header row frozen, an autofilter over the rows,
    columns as wide as their text (within bounds), each cell's lines wrapped in the cell; it
    prints on A4 landscape, one page wide, the header row repeated.

    Every value is written as a string, never as a formula, number or link; a value a
    spreadsheet would take for a formula (``= + - @``, tab, CR first) is also marked
    quote-prefixed, so that editing the cell keeps it text. The same declarations and
    ``as_of`` give the same bytes (the workbook's date is ``as_of``, not the clock).
    """
    import datetime as dt_

    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
                                     "strings_to_urls": False})
    book.set_properties({"title": t("ropa.workbook"), "company": org,
                         "created": dt_.datetime(as_of.year, as_of.month, as_of.day)})
    head = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#E2E8F0",
                            "bottom": 1})
    body = book.add_format({"text_wrap": True, "valign": "top"})
    quoted = book.add_format({"text_wrap": True, "valign": "top", "quote_prefix": True})
    taken: set[str] = set()
    for reg in regs:
        sheet = book.add_worksheet(sheet_name(reg.title, taken))
        widths = []
        for col, title in enumerate(reg.headers):
            text_width = max([_width(title.split())] + [_width(row[col]) for row in reg.rows])
            widths.append(min(MAX_WIDTH, max(MIN_WIDTH, text_width + 2)))
            sheet.write_string(0, col, title, quoted if title.startswith(FORMULA_START) else head)
        sheet.set_row(0, LINE_HEIGHT * max(_lines([h], w) for h, w in zip(reg.headers, widths, strict=True)))
        for r, row in enumerate(reg.rows, start=1):
            height = 1
            for col, lines in enumerate(row):
                value = "\n".join(lines)
                sheet.write_string(r, col, value, quoted if value.startswith(FORMULA_START) else body)
                height = max(height, _lines(lines, widths[col]))
            sheet.set_row(r, min(MAX_HEIGHT, LINE_HEIGHT * height))
        for col, width in enumerate(widths):
            sheet.set_column(col, col, width)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(1, len(reg.rows)), len(reg.headers) - 1)
        # printed: A4 landscape, as wide as the page, the header row on every page
        sheet.set_paper(9)
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(0)
    book.close()
    return buf.getvalue()


def _lines(lines: Iterable[str], width: int) -> int:
    """How many lines ``lines`` take in a wrapped cell ``width`` characters wide (an estimate)."""
    return sum(max(1, -(-len(line) // max(1, width - 1))) for line in lines) or 1
