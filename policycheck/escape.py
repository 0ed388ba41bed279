"""One escaping function per output format, for text that comes from users.

Names, descriptions and error messages come from the organization's files (or
from an attacker's pull request). Every output escapes them here, in one place
per format, so that no value can

- move a terminal's cursor, retitle its window or hide text (``terminal``);
- start a GitHub Actions workflow command (``::error``, ``::add-mask::``) in a
  CI log (``terminal`` keeps data on its line; :func:`guard_lines` makes a
  line that starts with ``::`` impossible in any stream but the ``github``
  format's own commands);
- become a live formula in a spreadsheet (``csv_cell``, as OWASP recommends);
- become a link, an image, raw HTML, a heading or a list item in Markdown, or
  end a table row or a code fence (``markdown``, ``fenced``);
- make an XML document not well-formed (``xml_text``).

HTML stays with Jinja's autoescape (markupsafe). This module imports nothing
heavy: the CLI uses it on its error path.
"""

from __future__ import annotations

import re

# --- terminal and CI log -------------------------------------------------------------------

#: C0 controls, DEL, C1 controls, and the invisible characters that reorder or hide text
#: (bidirectional overrides and isolates, as in "Trojan Source")
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e"}


def _visible(m: re.Match[str]) -> str:
    c = m.group()
    if c in _NAMED:
        return _NAMED[c]
    code = ord(c)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal(text: object) -> str:
    """``text`` for one line of a terminal or CI log: every control character shown as an escape.

    A newline becomes ``\\n`` (two visible characters), ESC becomes ``\\e``, others ``\\xNN``
    or ``\\uNNNN``; nothing can start a new line, move the cursor or set a title.
    """
    value = "" if text is None else str(text)
    return _UNSAFE.sub(_visible, value)


def terminal_block(text: str) -> str:
    """Text of several lines (a report of ours with user values in it) for a terminal.

    Keeps our newlines and tabs, escapes every other control character, and applies
    :func:`guard_lines`.
    """
    value = re.sub(r"\r\n", "\n", text)
    value = _UNSAFE.sub(lambda m: m.group() if m.group() in "\n\t" else _visible(m), value)
    return guard_lines(value)


_COMMAND_LINE = re.compile(r"^([ \t]*):(?=:)", re.MULTILINE)


def guard_lines(text: str) -> str:
    """No line of ``text`` starts with ``::`` (a GitHub Actions workflow command).

    The first colon of such a line is written as ``\\:``, which reads the same to a person
    (and renders as ``:`` in Markdown) but is no command to the runner.
    """
    if "::" not in text:  # the common case: a scan of the text, not a match at every line
        return text
    return _COMMAND_LINE.sub(r"\1\\:", text)


# --- CSV -----------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(text: object) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula (OWASP).

    A cell that starts with ``= + - @``, a tab or a carriage return (or their full-width
    forms, which some spreadsheets also accept) gets a leading apostrophe. Other control
    characters than the newlines within a cell are dropped.
    """
    value = "" if text is None else str(text)
    value = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", value)
    if value.startswith(_FORMULA_START):
        value = "'" + value
    return value


# --- Markdown ------------------------------------------------------------------------------

#: characters that start Markdown or HTML syntax anywhere in a line (CommonMark + GFM); brackets
#: are handled by _MD_LINK (a link or image needs ``](`` or ``][``), underscores by _MD_UNDERSCORE
_MD_INLINE = str.maketrans({
    "\\": "\\\\",
    "`": "\\`",
    "*": "\\*",
    "|": "\\|",
    "~": "\\~",
    "<": "&lt;",
    ">": "&gt;",
    "&": "&amp;",
    "$": "\\$",
})
#: what makes a line a heading, list item, quote, rule or table delimiter when it starts it
_MD_LINE_START = re.compile(r"^(\s*\d*)([#+\-=:.)\[])")
#: ``[text](url)``, ``![alt](url)`` and ``[text][ref]`` all need ``](`` or ``][``; a lone ``[x]`` is text
#: (no reference definition can come from data: one must start a line)
_MD_LINK = re.compile(r"\]([(\[])")
#: an underscore inside a word (``within_days``) emphasises nothing; elsewhere it is escaped
_MD_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
#: what GFM turns into a link by itself (``https://…``, ``www.…``): its ``:`` or ``.`` is escaped
_MD_BARE_URL = re.compile(r"(?i)(?<=[a-z0-9])(:)(?=//)|(?<=\bwww)(\.)")
#: a complete inline code span: a run of backticks, text without that run, the same run
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(?:(?!\1).)+?(?<!`)\1(?!`)")
_MD_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class MarkdownText(str):
    """Text already escaped for Markdown (so a template does not escape it twice)."""

    __slots__ = ()


def _md_text(text: str) -> str:
    value = _MD_LINK.sub(r"]\\\1", _MD_UNDERSCORE.sub(r"\\_", text.translate(_MD_INLINE)))
    return _MD_BARE_URL.sub(lambda m: "\\" + m.group(), value)


def _escape_line_start(m: re.Match[str]) -> str:
    lead, mark = m.group(1), m.group(2)
    digits = lead.strip()
    if digits and mark not in ".)":  # "3+" or "3-" start no block
        return m.group()
    if not digits and mark in ".)":
        return m.group()
    return f"{lead}\\{mark}"


def markdown(text: object) -> MarkdownText:
    """``text`` as inert inline Markdown: one line, no link, image, HTML, emphasis or table break.

    Every character Markdown or GFM gives a meaning inline is backslash-escaped (``<``,
    ``>`` and ``&`` become entities, so no raw HTML or entity survives), newlines become
    spaces, other control characters are dropped, and a value that would start a heading,
    list item or quote has its first character escaped. A complete code span (```x```)
    stays a code span: nothing inside one is markup, so our texts keep their code.
    """
    if isinstance(text, MarkdownText):
        return text
    value = "" if text is None else str(text)
    value = _MD_CONTROL.sub("", re.sub(r"\r\n|[\r\n\t]", " ", value))
    out: list[str] = []
    pos = 0
    for m in _CODE_SPAN.finditer(value):
        out.append(_md_text(value[pos : m.start()]))
        out.append(m.group().replace("|", "\\|"))
        pos = m.end()
    out.append(_md_text(value[pos:]))
    escaped = _MD_LINE_START.sub(_escape_line_start, "".join(out), count=1)
    return MarkdownText(escaped)


def markdown_code(text: object) -> MarkdownText:
    """An inline code span holding ``text`` on one line, whatever backticks it holds."""
    value = "" if text is None else str(text)
    value = _MD_CONTROL.sub("", re.sub(r"[\r\n\t]+", " ", value)).replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if value.startswith("`") or value.endswith("`") or not value.strip() else ""
    return MarkdownText(f"{fence}{pad}{value}{pad}{fence}")


def fenced(text: object, info: str = "") -> MarkdownText:
    """A fenced code block holding ``text`` verbatim: its fence is longer than any run of
    backticks inside, so the text cannot end it; control characters other than newlines
    and tabs are dropped and no line starts with ``::``."""
    value = "" if text is None else str(text)
    value = _MD_CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * max(3, longest + 1)
    return MarkdownText(f"{fence}{info}\n{guard_lines(value)}\n{fence}")


# --- XML -----------------------------------------------------------------------------------

#: characters XML 1.0 does not allow at all (C0 but tab and newlines, surrogates, U+FFFE/FFFF),
#: and the discouraged C1 controls and DEL
_XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: object) -> str:
    """``text`` with every character XML 1.0 forbids replaced by U+FFFD (escape ``<&>`` separately)."""
    value = "" if text is None else str(text)
    return _XML_FORBIDDEN.sub("\ufffd", value)


# --- JSON ----------------------------------------------------------------------------------

_JSON_INVISIBLE = re.compile(r"[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def json_stream(text: str) -> str:
    """A JSON document (``json.dumps`` output) with DEL, C1 controls and invisible direction marks
    written as ``\\uXXXX`` escapes: the same data to a parser, inert on a terminal.

    ``json.dumps`` escapes C0 controls itself; these characters can only occur inside strings,
    where a ``\\u`` escape means the same character.
    """
    if text.isascii() and "\x7f" not in text:  # nothing to escape (DEL is the one ASCII character)
        return text
    return _JSON_INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
