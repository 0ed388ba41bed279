"""The Jinja2 environment of the reports: templates in ``templates/``, autoescaped for HTML and SVG.

Markdown templates are not autoescaped; they escape table cells with the ``md`` filter.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from jinja2 import Environment
from markupsafe import Markup, escape

from policycheck.escape import markdown, markdown_code

_CODE = re.compile(r"`([^`]+)`")

#: a soft break opportunity, as a marker while the text is still plain (then ``<wbr>``)
_SOFT = "\x00"
#: characters after which a long URL or path may break: ``docs/`` ``tia-`` ``freshworks.`` ``md``
_SEPARATORS = frozenset("/\\._-?&=#:@+~,;")
#: a word longer than this gets break opportunities; a run without separators is cut every this many characters
LONG_WORD = 18
LONG_RUN = 30
_LONG_WORD = re.compile(rf"\S{{{LONG_WORD + 1},}}")
#: an ISO date, kept on one line (a browser may break it after a hyphen)
_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _in_date(word: str, i: int) -> bool:
    return any(m.start() <= i < m.end() for m in _DATE.finditer(word))


def _soften(word: str) -> str:
    out: list[str] = []
    run = 0
    for i, ch in enumerate(word):
        out.append(ch)
        run += 1
        if i == len(word) - 1:
            break
        after = word[i + 1]
        # ``file.yaml:12`` keeps its line number; ``2023-11-06`` stays whole; ``https://`` breaks once
        separator = ch in _SEPARATORS and after not in _SEPARATORS and not (ch == ":" and after.isdigit())
        if (separator and not _in_date(word, i)) or run >= LONG_RUN:
            out.append(_SOFT)
            run = 0
    return "".join(out)


def _softened(text: object) -> str:
    """``text`` with soft-break markers in its long words (URLs, paths, ids); markers in the input are dropped."""
    value = "" if text is None else str(text).replace(_SOFT, "")
    return _LONG_WORD.sub(lambda m: _soften(m.group()), value)


def wrap(text: object) -> Markup:
    """HTML-escape ``text`` and let its long words (URLs, paths, ids) break at ``/``, ``-``, ``.``
    and similar, or every LONG_WORD characters: a table cell then wraps them instead of growing
    wider than the page, and never breaks a short word letter by letter."""
    if type(text) is str and len(text) <= _MEMO_LENGTH:  # ids, paths and rule names repeat across rows
        return _wrap_text(text)
    return _wrap(text)


def _wrap(text: object) -> Markup:
    html = str(escape(_softened(text))).replace(_SOFT, "<wbr>")
    return Markup(_DATE.sub(r'<span class="nowrap">\g<0></span>', html))


def inline_code(text: str | None) -> Markup:
    """HTML-escape ``text`` and turn Markdown ```code``` spans into ``<code>`` elements (long words
    breakable as by :func:`wrap`)."""
    if type(text) is str and len(text) <= _MEMO_LENGTH:
        return _inline_code_text(text)
    return _inline_code(text)


def _inline_code(text: object) -> Markup:
    escaped = str(escape(_softened(text)))
    return Markup(_CODE.sub(r"<code>\1</code>", escaped).replace(_SOFT, "<wbr>"))


# the same text gives the same markup (a pure function of a plain str; Markup is immutable); only
# short texts, which repeat (messages, mostly distinct, would only hold memory)
_MEMO_LENGTH = 80
_wrap_text = lru_cache(maxsize=1 << 16)(_wrap)
_inline_code_text = lru_cache(maxsize=1 << 14)(_inline_code)


def md(text: object) -> str:
    """Text safe inside a Markdown table cell or paragraph (:func:`policycheck.escape.markdown`)."""
    return markdown(" ".join(("" if text is None else str(text)).split()))


def md_code(text: object) -> str:
    """An inline Markdown code span (:func:`policycheck.escape.markdown_code`)."""
    return markdown_code(" ".join(("" if text is None else str(text)).split()))


@cache
def environment() -> Environment:
    """The reports' environment, from the one factory (:func:`policycheck.templating.environment`)."""
    from policycheck.templating import environment as make

    return make("policycheck.reports", {"code": inline_code, "wrap": wrap, "md": md, "md_code": md_code})
