"""Import an Art. 30 record of processing activities (a spreadsheet, one row per activity) into a compliance repo.

Reading: the header row is found by its cells (English and Swedish headers of the common templates,
IMY's and the ICO's, matched loosely; others through a mapping file); merged cells are filled in,
blank rows skipped, lists split on semicolons, commas, bullets and line breaks.

Mapping: lawful basis text to FORMAT.md's values, retention text to ISO 8601 durations, names to
slugged ids. What cannot be mapped is never guessed: it is reported, kept as a comment in the file,
and left as a TODO that `policycheck check` flags (an unknown lawful basis, a missing retention, a
recipient whose country or role the record does not give).
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policycheck.adopt.write import comment, flow_list, scalar
from policycheck.errors import UsageError

# --- columns ---------------------------------------------------------------------------------------

#: field -> header texts of the common templates (normalised: lowercase, no punctuation)
HEADERS: dict[str, tuple[str, ...]] = {
    "activity": (
        "activity",
        "processing activity",
        "name of processing activity",
        "name of the processing",
        "business function",
        "process",
        "behandling",
        "behandlingen",
        "behandlingsaktivitet",
        "namn på behandlingen",
        "benämning på behandlingen",
        "personuppgiftsbehandling",
        "verksamhet",
        "process",
    ),
    "purpose": (
        "purpose",
        "purpose of processing",
        "purposes of the processing",
        "purpose of the processing",
        "ändamål",
        "ändamål med behandlingen",
        "ändamålet med behandlingen",
        "ändamålen med behandlingen",
        "syfte",
        "syftet med behandlingen",
    ),
    "lawful_basis": (
        "lawful basis",
        "lawful basis for processing",
        "article 6 lawful basis for processing personal data",
        "article 6 lawful basis",
        "legal basis",
        "legal basis for processing",
        "rättslig grund",
        "laglig grund",
        "rättslig grund för behandlingen",
        "laglig grund för behandlingen",
    ),
    "special_condition": (
        "article 9 basis for processing special category data",
        "article 9 condition",
        "special category condition",
        "undantag från förbudet att behandla känsliga personuppgifter",
        "undantag för känsliga personuppgifter",
        "rättslig grund för känsliga personuppgifter",
    ),
    "subjects": (
        "categories of individuals",
        "categories of data subjects",
        "data subjects",
        "kategorier av registrerade",
        "registrerade",
        "kategorier av registrerade personer",
    ),
    "categories": (
        "categories of personal data",
        "personal data",
        "categories of data",
        "data categories",
        "kategorier av personuppgifter",
        "personuppgifter",
        "typer av personuppgifter",
    ),
    "recipients": (
        "categories of recipients",
        "recipients",
        "recipient",
        "kategorier av mottagare",
        "mottagare",
        "mottagare av personuppgifterna",
    ),
    "processors": (
        "processors",
        "processor",
        "personuppgiftsbiträden",
        "personuppgiftsbiträde",
        "biträden",
    ),
    "transfers": (
        "transfers to third countries",
        "third country transfers",
        "names of third countries or international organisations that personal data are transferred to",
        "third countries",
        "international transfers",
        "överföring till tredje land",
        "överföringar till tredje land",
        "tredjelandsöverföring",
        "tredje land",
    ),
    "safeguards": (
        "safeguards",
        "safeguards for exceptional transfers of personal data to third countries or international organisations",
        "transfer safeguards",
        "skyddsåtgärder",
        "lämpliga skyddsåtgärder",
        "skyddsåtgärder vid överföring",
    ),
    "retention": (
        "retention",
        "retention period",
        "retention schedule",
        "link to retention schedule",
        "retention schedule if possible",
        "time limits for erasure",
        "lagringstid",
        "gallringsfrister",
        "gallringsfrist",
        "lagringstid gallringsfrist",
        "lagringstid gallringsfrister",
        "tidsfrister för radering",
        "gallring",
    ),
    "security": (
        "security measures",
        "general description of technical and organisational security measures",
        "general description of technical and organisational security measures if possible",
        "technical and organisational measures",
        "säkerhetsåtgärder",
        "tekniska och organisatoriska säkerhetsåtgärder",
        "allmän beskrivning av tekniska och organisatoriska säkerhetsåtgärder",
    ),
}

FIELDS = tuple(HEADERS)

#: headers of other Art. 30 columns: recognised, so they are not mistaken for a field, and not imported
OTHER_HEADERS = (
    "personuppgiftsansvarig",
    "personuppgiftsansvarig och kontaktuppgifter",
    "controller",
    "name and contact details of controller",
    "name and contact details of joint controller",
    "link to contract with processor",
    "link to record of consent",
    "link to retention and erasure policy document",
    "kontaktuppgifter",
    "dataskyddsombud",
)

#: a header naming none of the templates' texts: distinctive words, most specific first
_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ignore", ("personuppgiftsansvarig", "controller", "link to", "länk till", "dataskyddsombud", "kommentar",
                "source of", "källa", "location of", "rights", "rättigheter", "automated", "automatiserat",
                "breach", "incident", "comment", "notes")),
    ("safeguards", ("safeguard", "skyddsåtgärd")),
    ("transfers", ("tredje land", "tredjeland", "third countr", "international transfer", "överföring")),
    ("special_condition", ("article 9", "artikel 9", "känsliga", "special categor")),
    ("lawful_basis", ("rättslig grund", "laglig grund", "lawful basis", "legal basis", "rättsliga grund")),
    ("retention", ("lagring", "gallring", "radering", "retention", "erasure", "bevarande")),
    ("security", ("säkerhet", "security", "tekniska och organisatoriska", "technical and organisational")),
    ("recipients", ("mottagare", "recipient")),
    ("processors", ("biträde", "processor")),
    ("subjects", ("registrerade", "data subject", "categories of individuals")),
    ("categories", ("kategorier av personuppgifter", "categories of personal data", "typer av personuppgifter",
                    "personal data categor", "uppgiftstyper", "data categor")),
    ("purpose", ("ändamål", "purpose", "syfte")),
    ("activity", ("behandling", "processing activit", "activity", "aktivitet")),
)  # fmt: skip


def normalize(text: str) -> str:
    """Lowercase, punctuation and numbering removed, whitespace collapsed (``"1. Ändamål:"`` -> ``"ändamål"``)."""
    text = unicodedata.normalize("NFC", text).lower()
    text = re.sub(r"\(.*?\)", " ", text)  # "(if possible)", "(Art. 30.1 b)"
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"^\s*\d+\s+", " ", text)
    return " ".join(text.split())


def match_header(text: str, extra: dict[str, str] | None = None) -> str | None:
    """The field a header cell names, or None."""
    norm = normalize(text)
    if not norm:
        return None
    for header, fld in (extra or {}).items():
        if normalize(header) == norm:
            return fld
    for fld, names in HEADERS.items():
        if norm in names:
            return fld
    if norm in OTHER_HEADERS:
        return "ignore"
    best: tuple[float, str] | None = None
    for fld, names in HEADERS.items():
        for name in names:
            ratio = difflib.SequenceMatcher(None, norm, name).ratio()
            # "ändamål med behandlingen av personuppgifter": a known header at the start
            if " " in name and len(name) >= 16 and norm.startswith(name + " "):
                ratio = max(ratio, 0.86)
            if ratio >= 0.85 and (best is None or ratio > best[0]):
                best = (ratio, fld)
    if best:
        return best[1]
    low = unicodedata.normalize("NFC", text).lower()
    for fld, words in _KEYWORDS:
        if any(w in low for w in words):
            return fld
    return None


# --- reading ---------------------------------------------------------------------------------------


@dataclass
class Table:
    source: str
    rows: list[list[str]]  # every row, cells as text; row i is line/row i+1 of the sheet


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def read_csv(path: Path) -> list[Table]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:  # Excel's "CSV" on Windows
        text = data.decode("cp1252", errors="replace")
    sample = text[:8192]
    try:  # only the delimiter is sniffed: quoting is Excel's ("), whatever the sample suggests
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        first = sample.split("\n", 1)[0]
        delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter)
    rows = [[_cell(c) for c in row] for row in reader]
    return [Table(path.name, rows)]


def read_xlsx(path: Path) -> list[Table]:
    try:
        import openpyxl  # lazily: only `import ropa` of a spreadsheet needs it
    except ImportError as exc:  # pragma: no cover - a dependency
        raise UsageError("reading .xlsx needs openpyxl: pip install openpyxl") from exc
    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # a corrupt or non-xlsx file: one line, exit 2
        raise UsageError(f"{path}: not a readable .xlsx workbook ({type(exc).__name__}: {exc})") from exc
    tables = []
    for sheet in book.worksheets:
        rows = [[_cell(c) for c in row] for row in sheet.iter_rows(values_only=True)]
        # merged cells hold their value in the top-left cell only: copy it to the whole range
        for merged in sheet.merged_cells.ranges:
            value = rows[merged.min_row - 1][merged.min_col - 1] if merged.min_row - 1 < len(rows) else ""
            for r in range(merged.min_row - 1, min(merged.max_row, len(rows))):
                for c in range(merged.min_col - 1, merged.max_col):
                    while len(rows[r]) <= c:
                        rows[r].append("")
                    rows[r][c] = value
        tables.append(Table(f"{path.name}[{sheet.title}]", rows))
    return tables


@dataclass
class Header:
    row: int  # 0-based index of the header row
    columns: dict[int, str]  # column index -> field
    unknown: list[str]  # header cells not recognised


def find_header(table: Table, extra: dict[str, str] | None) -> Header | None:
    """The row (among the first 15) that names the most known columns: at least two, one of them the activity."""
    best: Header | None = None
    for i, row in enumerate(table.rows[:15]):
        columns: dict[int, str] = {}
        unknown = []
        for j, cell in enumerate(row):
            if not cell:
                continue
            fld = match_header(cell, extra)
            if fld is not None and (fld == "ignore" or fld not in columns.values()):
                columns[j] = fld
            elif fld is None:
                unknown.append(cell)
        fields = set(columns.values()) - {"ignore"}
        better = best is None or len(fields) > len(set(best.columns.values()) - {"ignore"})
        if len(fields) >= 2 and fields & {"activity", "purpose"} and better:
            best = Header(i, columns, unknown)
    return best


# --- values ----------------------------------------------------------------------------------------

_SPLIT = re.compile(r"[;\n•·▪●]|,(?![^()]*\))")


#: cell items that say "nothing" (or only "yes"): not a value
_NOTHING = {
    "n a", "na", "ej tillämpligt", "ej aktuellt", "saknas", "none", "inga", "ingen", "nej", "no", "ja", "yes",
    "not applicable", "ingen överföring", "inga överföringar", "no transfers", "nothing", "",
}  # fmt: skip


def split_list(text: str) -> list[str]:
    """Items of a list cell: separated by semicolons, commas (outside parentheses), bullets or line breaks."""
    out = []
    for part in _SPLIT.split(text):
        item = part.strip().lstrip("-–*").strip().rstrip(".").strip()
        if item and normalize(item) not in _NOTHING and item not in ("-", "–"):
            out.append(item)
    return out


def slug(text: str) -> str:
    """An id from a name: ASCII, lowercase, hyphens (``"Kundtjänst & ärenden"`` -> ``"kundtjanst-arenden"``)."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    s = re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")
    if len(s) > 48:
        s = s[:48].rsplit("-", 1)[0] or s[:48]
    return s or "item"


def unique(base: str, taken: set[str]) -> str:
    out, n = base, 2
    while out in taken:
        out, n = f"{base}-{n}", n + 1
    taken.add(out)
    return out


#: lawful basis -> phrases (normalised) that name it
_BASES: dict[str, tuple[str, ...]] = {
    "consent": ("consent", "samtycke", "samtycket"),
    "contract": ("contract", "avtal", "avtalet", "fullgörande av avtal", "performance of a contract"),
    "legal-obligation": (
        "legal obligation",
        "legal requirement",
        "statutory obligation",
        "rättslig förpliktelse",
        "rättsliga förpliktelser",
        "rättslig skyldighet",
        "lagstadgad skyldighet",
        "lagkrav",
    ),
    "vital-interests": ("vital interest", "vital interests", "grundläggande intresse", "vitalt intresse"),
    "public-task": (
        "public task",
        "public interest",
        "official authority",
        "allmänt intresse",
        "myndighetsutövning",
        "uppgift av allmänt intresse",
    ),
    "legitimate-interests": (
        "legitimate interest",
        "legitimate interests",
        "berättigat intresse",
        "berättigade intressen",
        "intresseavvägning",
    ),
}
_ARTICLE = re.compile(r"6\s*[(.]?\s*1\s*[).]?\s*[(.]?\s*([a-f])\b")
_LETTER = dict(zip("abcdef", _BASES, strict=True))
_VALUES = set(_BASES)


def lawful_basis(text: str, extra: dict[str, str] | None = None) -> str | None:
    """FORMAT.md's lawful basis named by ``text``, or None when it names none or several."""
    for key, value in (extra or {}).items():
        if normalize(key) == normalize(text):
            return value
    low = unicodedata.normalize("NFC", text).lower().strip()
    if low in _VALUES:
        return low
    found = {_LETTER[m.group(1)] for m in _ARTICLE.finditer(low.replace(" ", ""))}
    norm = normalize(text)
    words = f" {norm} "
    for basis, phrases in _BASES.items():
        if any(f" {p} " in words for p in phrases):
            found.add(basis)
    # Swedish compounds: "kundavtal", "anställningsavtalet", "samtycket"
    for stem, basis in (("avtal", "contract"), ("samtycke", "consent")):
        if re.search(rf"\w{stem}(et|en)?\b", norm):
            found.add(basis)
    return found.pop() if len(found) == 1 else None


_UNITS = {
    "Y": ("år", "ar", "year", "years", "yr", "yrs", "y"),
    "M": ("månad", "månader", "månaders", "mån", "month", "months", "mo", "mths", "mnd"),
    "W": ("vecka", "veckor", "veckors", "week", "weeks", "v"),
    "D": ("dag", "dagar", "dagars", "dygn", "day", "days", "d"),
}
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "twelve": 12, "ett": 1, "en": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6,
    "sju": 7, "åtta": 8, "nio": 9, "tio": 10, "tolv": 12,
}  # fmt: skip
_DURATION = re.compile(
    r"(\d+|" + "|".join(_NUMBER_WORDS) + r")\s*(" + "|".join(u for us in _UNITS.values() for u in us) + r")\b",
    re.I,
)


def retention(text: str) -> str | None:
    """An ISO 8601 duration for ``text`` ("2 år", "7 years", "36 months", "1 år och 6 månader"), or None."""
    stripped = text.strip()
    if re.fullmatch(r"P(\d+[YMWD])+", stripped):
        return stripped
    if re.search(r"\d\s*[-–]\s*\d|\d\s+(?:till|to|or|eller)\s+\d", text):
        return None  # a range ("3-5 år") is not one period
    parts: dict[str, int] = {}
    for m in _DURATION.finditer(unicodedata.normalize("NFC", text)):
        raw, unit_word = m.group(1).lower(), m.group(2).lower()
        number = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
        unit = next(u for u, words in _UNITS.items() if unit_word in words)
        if unit in parts:
            return None  # "2 år, därefter 7 år": two periods, not one
        parts[unit] = number
    if not parts:
        return None
    if "W" in parts and len(parts) > 1:
        parts["D"] = parts.get("D", 0) + 7 * parts.pop("W")
    return "P" + "".join(f"{parts[u]}{u}" for u in "YMWD" if u in parts)


_SPECIAL = (
    "health", "hälsa", "hälso", "medical", "medicin", "sjuk", "diagnos", "religio", "ethnic", "etnisk",
    "political", "politisk", "trade union", "fackförening", "fackligt", "biometric", "biometrisk",
    "genetic", "genetisk", "sexual", "sexuell", "sex life", "allergi", "allergy", "racial", "ras ", "etnicitet",
    "philosophical", "filosofisk", "sjukdom", "funktionsnedsättning", "disability", "union membership",
)  # fmt: skip
_CRIMINAL = ("criminal", "brott", "lagöverträdelse", "offence", "offense", "belastningsregister")


def special(text: str) -> bool | str:
    """`criminal`, True or False for a category name (words at a word's start: "hälsouppgifter", not "trace")."""
    low = unicodedata.normalize("NFC", text).lower()
    if any(re.search(rf"(?<!\w){re.escape(w.strip())}", low) for w in _CRIMINAL):
        return "criminal"
    return any(re.search(rf"(?<!\w){re.escape(w.strip())}", low) for w in _SPECIAL)


_SUBJECTS = {
    "customer": ("customer", "customers", "kund", "kunder", "client", "clients", "kunders"),
    "employee": ("employee", "employees", "staff", "anställd", "anställda", "medarbetare", "personal"),
    "child": ("child", "children", "barn", "minors"),
    "patient": ("patient", "patients", "patienter"),
    "student": ("student", "students", "elev", "elever", "studenter", "pupils"),
    "supplier": ("supplier", "suppliers", "leverantör", "leverantörer", "vendors"),
    "job-applicant": ("job applicants", "applicants", "arbetssökande", "sökande", "kandidater"),
    "visitor": ("visitors", "besökare", "website visitors"),
}


def subject(text: str) -> str:
    norm = normalize(text)
    for sid, names in _SUBJECTS.items():
        if norm in names:
            return sid
    return slug(text)


def _country_index() -> dict[str, str]:
    from policycheck.reference import reference

    ref = reference()
    index: dict[str, str] = {}
    for code, name in ref.countries.items():
        index[normalize(name)] = code
        short = name.split(",")[0]
        index.setdefault(normalize(short), code)
    for code, name in ref.names_sv.items():
        index[normalize(name)] = code
    index.update(
        {
            "usa": "US", "us": "US", "united states": "US", "united states of america": "US", "amerika": "US",
            "uk": "GB", "united kingdom": "GB", "england": "GB", "great britain": "GB", "storbritannien": "GB",
            "sverige": "SE", "sweden": "SE", "indien": "IN", "india": "IN", "kina": "CN", "china": "CN",
            "ryssland": "RU", "russia": "RU", "sydkorea": "KR", "south korea": "KR", "schweiz": "CH",
            "switzerland": "CH", "japan": "JP", "kanada": "CA", "canada": "CA", "australien": "AU",
            "australia": "AU", "filippinerna": "PH", "philippines": "PH", "irland": "IE", "ireland": "IE",
        }
    )  # fmt: skip
    return index


def countries_in(text: str, index: dict[str, str]) -> tuple[list[str], str]:
    """Countries named in ``text`` (names in English or Swedish, or codes standing alone or in
    parentheses), and the text without them."""
    from policycheck.reference import reference

    codes = reference().countries
    found: list[str] = []
    rest = text
    for m in re.finditer(r"\(([^()]*)\)", text):
        inner = m.group(1).strip()
        code = inner.upper() if inner.isupper() or len(inner) == 2 else index.get(normalize(inner))
        code = reference().country_aliases.get(code or "", code)
        if code in codes or normalize(inner) in index:
            found.append(code if code in codes else index[normalize(inner)])
            rest = rest.replace(m.group(0), " ")
    if not found:
        whole = rest.strip()
        if whole.isupper() and len(whole) == 2 and reference().country_aliases.get(whole, whole) in codes:
            return [reference().country_aliases.get(whole, whole)], ""
    norm_rest = f" {normalize(rest)} "
    for name in sorted(index, key=len, reverse=True):
        if len(name) < 4 and name not in ("usa", "uk"):
            continue
        if f" {name} " in norm_rest:
            found.append(index[name])
            norm_rest = norm_rest.replace(f" {name} ", " ")
            rest = re.sub(rf"(?i)\b{re.escape(name)}\b", " ", rest)
    seen: list[str] = []
    for c in found:
        if c not in seen:
            seen.append(c)
    rest = re.sub(r"\s+", " ", re.sub(r"^[\s,:–-]+|[\s,:–-]+$", "", rest))
    return seen, rest.strip()


_MECHANISMS = {
    "scc": ("scc", "sccs", "standard contractual clauses", "standardavtalsklausuler", "standardklausuler"),
    "dpf": ("dpf", "data privacy framework", "eu us data privacy framework"),
    "bcr": ("bcr", "binding corporate rules", "bindande företagsbestämmelser"),
    "adequacy": ("adequacy", "adequacy decision", "adekvansbeslut", "adekvat skyddsnivå"),
    "derogation": ("derogation", "article 49", "art 49", "undantag"),
}


def mechanism(text: str) -> str | None:
    words = f" {normalize(text)} "
    found = {m for m, names in _MECHANISMS.items() if any(f" {n} " in words for n in names)}
    return found.pop() if len(found) == 1 else None


_PROCESSOR_WORDS = ("processor", "biträde", "personuppgiftsbiträde", "leverantör", "supplier", "vendor", "hosting")
_AUTHORITY_WORDS = (
    "authority", "myndighet", "skatteverket", "polis", "police", "hmrc", "försäkringskassan", "kronofogden",
    "imy", "ico", "domstol", "court", "tax",
)  # fmt: skip


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _overlaps(a: str, b: str) -> bool:
    """Whether one name holds the other ("Google LLC" and "Google Analytics (Google LLC)")."""
    wa, wb = f" {_words(a)} ", f" {_words(b)} "
    return bool(wa.strip() and wb.strip()) and (wa in wb or wb in wa)


def _strip_role(text: str) -> str:
    return re.sub(r"(?i)\s*\((?:personuppgifts)?biträde\)|\s*\(processor\)", "", text).strip()


# --- the import ------------------------------------------------------------------------------------


@dataclass
class Unmapped:
    where: str  # "row 4, Lawful basis"
    value: str
    note: str


@dataclass
class Holder:
    id: str
    name: str
    role: str  # processor | recipient
    kind: str = "other"  # recipients: authority | partner | other
    countries: list[str] = field(default_factory=list)
    mechanism: str | None = None
    activities: list[str] = field(default_factory=list)


@dataclass
class Activity:
    row: int
    id: str
    name: str
    description: str | None = None
    lawful_basis: str | None = None
    lawful_basis_text: str | None = None
    subjects: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    retention: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class Import:
    source: str
    header_row: int
    columns: dict[str, str]  # field -> header text
    activities: list[Activity] = field(default_factory=list)
    categories: dict[str, tuple[str, bool | str]] = field(default_factory=dict)  # id -> (name, special)
    holders: dict[str, Holder] = field(default_factory=dict)
    unmapped: list[Unmapped] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    #: the controller's name, where the sheet states it above the header ("Organisation name: Acme Ltd")
    organization: str | None = None


@dataclass(frozen=True)
class Mapping:
    columns: dict[str, str] = field(default_factory=dict)  # header text -> field
    lawful_basis: dict[str, str] = field(default_factory=dict)  # text -> value
    sheet: str | None = None


def read_mapping(path: Path) -> Mapping:
    from policycheck.load.yamlread import read_yaml

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the mapping file ({exc})") from exc
    doc, problems = read_yaml(text, str(path))
    if problems:
        raise UsageError("; ".join(str(p) for p in problems))
    data = doc.data if isinstance(doc.data, dict) else None
    if data is None or not set(data) <= {"columns", "lawful_basis", "sheet"}:
        raise UsageError(
            f"{path}: a mapping file holds `columns:` (header -> field), optionally `lawful_basis:` "
            "(text -> value) and `sheet:`"
        )
    columns = {str(k): str(v) for k, v in (data.get("columns") or {}).items()}
    for header, fld in columns.items():
        if fld not in FIELDS and fld != "ignore":
            line, _ = doc.where(("columns", header))
            from policycheck.load.repo import did_you_mean

            raise UsageError(
                f"{path}:{line}: column '{header}' maps to unknown field '{fld}'{did_you_mean(fld, FIELDS)}; "
                f"fields: {', '.join(FIELDS)}, ignore"
            )
    bases = {str(k): str(v) for k, v in (data.get("lawful_basis") or {}).items()}
    for text_, value in bases.items():
        if value not in _VALUES:
            raise UsageError(f"{path}: lawful_basis '{text_}' maps to '{value}', not one of {', '.join(_BASES)}")
    sheet = data.get("sheet")
    return Mapping(columns, bases, str(sheet) if sheet is not None else None)


def read_ropa(path: Path, mapping: Mapping | None = None) -> Import:
    mapping = mapping or Mapping()
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        tables = read_xlsx(path)
    elif suffix in (".csv", ".txt", ".tsv"):
        tables = read_csv(path)
    else:
        raise UsageError(f"{path}: expected a .xlsx or .csv file (save the record as one of them)")
    if mapping.sheet is not None:
        tables = [t for t in tables if t.source.endswith(f"[{mapping.sheet}]")]
        if not tables:
            raise UsageError(f"{path}: no sheet named '{mapping.sheet}'")
    found = [(t, h) for t in tables if (h := find_header(t, mapping.columns)) is not None]
    if not found:
        raise UsageError(
            f"{path}: found no header row naming the processing activity or purpose and at least one other "
            "column of an Art. 30 record (e.g. 'Purpose of processing', 'Lawful basis' or 'Ändamål med "
            "behandlingen', 'Rättslig grund'); map your headers with --mapping MAP.yaml (see docs/adopt.md)"
        )
    table, header = max(found, key=lambda th: len(th[1].columns))
    return _convert(table, header, mapping)


_ORG_LABEL = re.compile(
    r"^\s*(?:organi[sz]ation(?:'s)? name|name of (?:the )?(?:organi[sz]ation|controller)|controller|"
    r"personuppgiftsansvarig|organisationens namn|organisation|organization|företag|company)\s*:\s*(.+?)\s*$",
    re.I,
)


def _organization(rows: list[list[str]]) -> str | None:
    """The controller's name from the rows above the header: a cell "Label: name", or "Label" then a cell."""
    for row in rows:
        cells = [c for c in row if c.strip()]
        for k, cell in enumerate(cells):
            m = _ORG_LABEL.match(cell)
            if m:
                return " ".join(m.group(1).split())
            if _ORG_LABEL.match(cell.rstrip(":") + ": x") and k + 1 < len(cells):
                return " ".join(cells[k + 1].split())
    return None


def _header_unit(header: str) -> str | None:
    """The unit a retention column's header names ("Lagringstid (månader)", "Retention (years)"), or None."""
    words = set(re.findall(r"\w+", header.lower()))
    found = {unit for unit, names in _UNITS.items() if words & {n for n in names if len(n) > 2}}
    return found.pop() if len(found) == 1 else None


def _convert(table: Table, header: Header, mapping: Mapping) -> Import:
    cols = {fld: j for j, fld in header.columns.items() if fld != "ignore"}
    head = table.rows[header.row]
    result = Import(
        source=table.source,
        header_row=header.row + 1,
        columns={fld: head[j] for fld, j in cols.items()},
        ignored_columns=[
            head[j] for j in range(len(head)) if head[j] and (j not in header.columns or header.columns[j] == "ignore")
        ],
    )
    result.organization = _organization(table.rows[: header.row])
    index = _country_index()
    unit_in_header = _header_unit(result.columns.get("retention", ""))
    purpose_ids: set[str] = set()
    holder_ids: set[str] = set()
    category_by_name: dict[str, str] = {}

    def add_holder(name: str, role: str, row: int, activity: str) -> Holder:
        key = normalize(name)
        for h in result.holders.values():
            if normalize(h.name) == key:
                if role == "processor":
                    h.role = "processor"
                if activity not in h.activities:
                    h.activities.append(activity)
                return h
        h = Holder(unique(slug(name), holder_ids), name, role, activities=[activity])
        result.holders[h.id] = h
        return h

    for i in range(header.row + 1, len(table.rows)):
        row = table.rows[i]

        def get(fld: str, row: list[str] = row) -> str:
            j = cols.get(fld)
            return row[j].strip() if j is not None and j < len(row) else ""

        if not any(c.strip() for c in row):
            continue
        if [c.strip() for c in row] == [c.strip() for c in head]:
            continue  # a repeated header row
        where = f"row {i + 1}"
        name = get("activity") or get("purpose")
        if not name:
            result.unmapped.append(
                Unmapped(
                    where,
                    " | ".join(c for c in row if c)[:200],
                    "no processing activity or purpose named; row not imported",
                )
            )
            continue
        name_line = " ".join(name.split())
        act = Activity(i + 1, unique(slug(name_line), purpose_ids), name_line)
        purpose_text = get("purpose")
        if get("activity") and purpose_text and purpose_text != name:
            act.description = " ".join(purpose_text.split())

        basis_text = get("lawful_basis")
        if basis_text:
            basis = lawful_basis(basis_text, mapping.lawful_basis)
            if basis is None:
                act.lawful_basis_text = " ".join(basis_text.split())
                result.unmapped.append(
                    Unmapped(
                        f"{where}, {result.columns['lawful_basis']}",
                        basis_text,
                        "not one lawful basis of Art. 6(1); written as a TODO (purpose-without-lawful-basis)",
                    )
                )
            act.lawful_basis = basis
        else:
            result.unmapped.append(
                Unmapped(f"{where}", name_line, "no lawful basis given; left out (purpose-without-lawful-basis)")
            )
        condition = get("special_condition")
        if condition:
            act.notes.append(f"Art. 9 condition in the record: {condition}")
            result.unmapped.append(
                Unmapped(
                    f"{where}, {result.columns['special_condition']}",
                    condition,
                    "Art. 9(2) condition kept as a comment; set special_condition (FORMAT.md's list) by hand",
                )
            )

        for s in split_list(get("subjects")):
            sid = subject(s)
            if sid not in act.subjects:
                act.subjects.append(sid)
        for c in split_list(get("categories")):
            key = normalize(c)
            if key not in category_by_name:
                cid = unique(slug(c), set(result.categories))
                category_by_name[key] = cid
                result.categories[cid] = (" ".join(c.split()), special(c))
            cid = category_by_name[key]
            if cid not in act.categories:
                act.categories.append(cid)

        ret_text = get("retention")
        if ret_text:
            act.retention = retention(ret_text)
            if act.retention is None and re.fullmatch(r"\d+", ret_text) and unit_in_header:
                act.retention = f"P{ret_text}{unit_in_header}"  # "24" under "Lagringstid (månader)"
            if act.retention is None:
                result.unmapped.append(
                    Unmapped(
                        f"{where}, {result.columns['retention']}",
                        ret_text,
                        "not one ISO 8601 duration; retention left out (flagged by ropa-import-retention-missing)",
                    )
                )
            else:
                act.notes.append(f"retention in the record: {ret_text}")
        else:
            result.unmapped.append(Unmapped(where, name_line, "no retention given; left out"))

        security = get("security")
        if security:
            act.notes.append(f"security measures in the record: {security}")
            result.unmapped.append(
                Unmapped(
                    f"{where}, {result.columns['security']}",
                    security,
                    "security measures are declared per system (systems/<id>.yaml `security:`); kept as a comment",
                )
            )

        safeguard_text = get("safeguards")
        row_mechanism = mechanism(safeguard_text) if safeguard_text else None
        for r in split_list(get("recipients")):
            found, rest = countries_in(_strip_role(r), index)
            low = r.lower()
            role = "processor" if any(w in low for w in _PROCESSOR_WORDS) else "recipient"
            h = add_holder(rest or _strip_role(r), role, i + 1, act.id)
            if role == "recipient" and any(w in f" {low} " for w in _AUTHORITY_WORDS):
                h.kind = "authority"
            for c in found:
                if c not in h.countries:
                    h.countries.append(c)
        for p in split_list(get("processors")):
            if p.lower().startswith(("http://", "https://")):
                act.notes.append(f"processor contract in the record: {p}")
                continue
            found, rest = countries_in(_strip_role(p), index)
            h = add_holder(rest or p, "processor", i + 1, act.id)
            for c in found:
                if c not in h.countries:
                    h.countries.append(c)

        transfer_text = get("transfers")
        if transfer_text:
            for t in split_list(transfer_text):
                found, rest = countries_in(t, index)
                mech = mechanism(t) or row_mechanism
                # the receiver: named in parentheses ("USA (Zendesk)"), else what is left of the text
                named = [m.group(1).strip() for m in re.finditer(r"\(([^()]*)\)", rest) if m.group(1).strip()]
                rest_name = named[0] if named else re.sub(r"\(.*?\)", " ", rest)
                for names in _MECHANISMS.values():
                    for n in sorted(names, key=len, reverse=True):
                        rest_name = re.sub(rf"(?i)\b{re.escape(n)}\b", " ", rest_name)
                rest_name = re.sub(r"(?i)\b(eu|us|eu-us|via|genom|through|till|to|and|och)\b", " ", rest_name)
                rest_name = " ".join(re.sub(r"[\[\]:–-]", " ", rest_name).split())
                if not found:
                    result.unmapped.append(
                        Unmapped(
                            f"{where}, {result.columns['transfers']}",
                            t,
                            "no country recognised; not imported",
                        )
                    )
                    continue
                targets: list[Holder] = []
                row_holders = [h for h in result.holders.values() if act.id in h.activities]
                same = [h for h in row_holders if rest_name and _overlaps(rest_name, h.name)]
                if same:  # "Google Analytics (Google LLC)" among the recipients, "US (Google LLC)" here
                    targets = same[:1]
                elif rest_name:
                    targets = [add_holder(rest_name, "processor", i + 1, act.id)]
                else:
                    targets = row_holders
                    if len(targets) != 1:
                        result.unmapped.append(
                            Unmapped(
                                f"{where}, {result.columns['transfers']}",
                                t,
                                "the record does not say who receives the data there; declare the processor "
                                "or recipient (with its country) by hand",
                            )
                        )
                        continue
                for h in targets:
                    for c in found:
                        if c not in h.countries:
                            h.countries.append(c)
                    if mech and h.mechanism is None:
                        h.mechanism = mech
                    elif mech is None and safeguard_text:
                        result.unmapped.append(
                            Unmapped(
                                f"{where}, {result.columns['safeguards']}",
                                safeguard_text,
                                "not one transfer mechanism (scc, dpf, bcr, adequacy, derogation); left out",
                            )
                        )
        elif safeguard_text:
            act.notes.append(f"transfer safeguards in the record: {safeguard_text}")
        result.activities.append(act)
    for h in result.holders.values():
        if not h.countries:
            result.unmapped.append(
                Unmapped(
                    f"{h.role} '{h.name}'",
                    h.name,
                    "the record gives no country; written with the organization's country and a TODO "
                    "(flagged by ropa-import-unconfirmed)",
                )
            )
    return result


# --- writing the repo ------------------------------------------------------------------------------


def _title(text: str) -> str:
    return text[:1].upper() + text[1:]


_RULE = """\
# Written by `policycheck import ropa`: flags what the imported record did not say.
# Delete this file once every finding it reports is resolved.
id: {id}
title: {title}
severity: high
area: custom
articles: ["Art. 30(1)"]
for_each: {kind}
when:
{when}
message:
  en: {en}
  sv: {sv}
docs:
  what: {what}
  why: "The record of processing activities that was imported did not give this fact, and it was not guessed."
  fix: {fix}
"""


def rules_files() -> dict[str, str]:
    def rule(**fields: str) -> str:
        quoted = {k: (v if k in ("id", "kind", "when") else scalar(v)) for k, v in fields.items()}
        return _RULE.format(**quoted)

    return {
        "rules/ropa-import-retention-missing.yaml": rule(
            id="ropa-import-retention-missing",
            title="An imported purpose has no retention period",
            kind="purpose",
            when="  missing: retention",
            en="{name}: the imported record gives no retention period that could be read as one duration",
            sv="{name}: den importerade förteckningen anger ingen lagringstid som kunde läsas som en tidsperiod",
            what="Finds a purpose imported from a record of processing without a `retention`.",
            fix="Set `retention` (an ISO 8601 duration such as P2Y) and `retention_from` on the purpose.",
        ),
        "rules/ropa-import-unconfirmed.yaml": rule(
            id="ropa-import-unconfirmed",
            title="An imported recipient's country and role are not confirmed",
            kind="recipient",
            when="  equals: [legal_basis, TODO]",
            en="{name}: the imported record does not give its country; confirm the country and whether it is a "
            "processor (move it to processors/) or a recipient, then set legal_basis",
            sv="{name}: den importerade förteckningen anger inte landet; bekräfta landet och om det är ett "
            "personuppgiftsbiträde (flytta till processors/) eller en mottagare, och ange sedan legal_basis",
            what="Finds a recipient imported from a record of processing whose country and role were not given.",
            fix="Set `country`, decide processor or recipient, and replace `legal_basis: TODO`.",
        ),
    }


def repo_files(imp: Import, org_name: str, country: str, source_name: str) -> dict[str, str]:
    """The files of the compliance repo for ``imp``."""
    files: dict[str, str] = {}
    files["policycheck.yaml"] = (
        f"# Written by `policycheck import ropa` from {comment(source_name)[2:]}.\n"
        "organization:\n"
        f"  name: {scalar(org_name)}\n"
        f"  country: {scalar(country)}\n"
        "  # privacy_contact: where data subjects write\n"
        "teams: []\n"
        "settings:\n  fail_on: high\n  language: en\n"
        "rules: {}\n"
        "waivers: []\n"
    )
    lines = ["categories:"]
    for cid, (name, spec) in sorted(imp.categories.items()):
        lines += [f"  - id: {scalar(cid)}", f"    name: {scalar(_title(name))}"]
        if spec:
            lines.append(f"    special: {scalar(spec)}  # recognised from its name; check it")
    if not imp.categories:
        lines = ["categories: []"]
    files["categories.yaml"] = "\n".join(lines) + "\n"

    lines = ["purposes:"]
    for act in imp.activities:
        lines.append(f"  # row {act.row} of the record")
        for note in act.notes:
            lines.append("  " + comment(note))
        lines += [f"  - id: {scalar(act.id)}", f"    name: {scalar(act.name)}"]
        if act.description:
            lines.append(f"    description: {scalar(act.description)}")
        if act.lawful_basis:
            lines.append(f"    lawful_basis: {act.lawful_basis}")
        elif act.lawful_basis_text:
            lines.append(f"    lawful_basis: {scalar('TODO: ' + act.lawful_basis_text)}")
        if act.subjects:
            lines.append(f"    subjects: {flow_list(act.subjects)}")
        if act.categories:
            lines.append(f"    categories: {flow_list(act.categories)}")
        if act.retention:
            lines.append(f"    retention: {act.retention}")
    if not imp.activities:
        lines = ["purposes: []"]
    files["purposes.yaml"] = "\n".join(lines) + "\n"

    for h in imp.holders.values():
        used = "# used for: " + ", ".join(h.activities) + "\n"
        if h.countries:
            first, *more = h.countries
            body = f"name: {scalar(h.name)}\n"
            if h.role == "processor":
                body += f"country: {scalar(first)}\n"
                if more:
                    body += f"processing_locations: {flow_list(h.countries)}\n"
            else:
                body += f"kind: {h.kind}\ncountry: {scalar(first)}\n"
            if h.mechanism:
                body += f"transfer:\n  mechanism: {h.mechanism}\n"
            folder = "processors" if h.role == "processor" else "recipients"
            files[f"{folder}/{h.id}.yaml"] = used + body
        else:
            kind = h.kind if h.role == "recipient" else "other"
            role = " (named as a processor in the record)" if h.role == "processor" else ""
            files[f"recipients/{h.id}.yaml"] = (
                used
                + f"# TODO: the record gives no country{role}; confirm country and role, then set legal_basis\n"
                + f"name: {scalar(h.name)}\nkind: {kind}\ncountry: {scalar(country)}\nlegal_basis: TODO\n"
            )
    files.update(rules_files())
    return files


def _safe(text: str) -> str:
    """One line of terminal-safe text: control characters (escape sequences, line breaks) become spaces."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def report(imp: Import, written: list[str]) -> str:
    lines = [
        f"Imported {len(imp.activities)} processing activit{'y' if len(imp.activities) == 1 else 'ies'} from "
        f"{_safe(imp.source)} (header on row {imp.header_row}): {len(imp.categories)} categories, "
        f"{sum(h.role == 'processor' and bool(h.countries) for h in imp.holders.values())} processors, "
        f"{sum(not (h.role == 'processor' and bool(h.countries)) for h in imp.holders.values())} recipients.",
        "Columns: " + "; ".join(f"{fld} = '{_safe(text)}'" for fld, text in imp.columns.items()),
    ]
    if imp.ignored_columns:
        lines.append("Columns not imported: " + "; ".join(f"'{_safe(c)}'" for c in imp.ignored_columns))
    lines.append(f"Wrote {len(written)} files.")
    if imp.unmapped:
        lines.append(f"{len(imp.unmapped)} value{'s' if len(imp.unmapped) != 1 else ''} could not be mapped:")
        for u in imp.unmapped:
            lines.append(f"  {_safe(u.where)}: '{_safe(u.value)[:120]}': {u.note}")
    else:
        lines.append("Every value was mapped.")
    return "\n".join(lines) + "\n"
