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


#: a separator followed by a character that is none (where :func:`_soften_slow` may break)
_BREAK = re.compile("[" + re.escape("".join(sorted(_SEPARATORS))) + "](?=[^" + re.escape("".join(sorted(_SEPARATORS)))
                    + "])")


@lru_cache(maxsize=1 << 14)  # paths, ids and URLs recur across a report's rows
def _soften(word: str) -> str:
    """:func:`_soften_slow`'s result, found by a regular expression where every stretch between
    two breaks is shorter than LONG_RUN (so no break is forced): the common case."""
    dates = [m.span() for m in _DATE.finditer(word)] if "-" in word else []
    breaks = []
    last = len(word) - 1
    previous = -1
    for m in _BREAK.finditer(word):
        i = m.start()
        if word[i] == ":" and word[i + 1].isdigit():
            continue
        if dates and any(start <= i < end for start, end in dates):
            continue
        if i - previous > LONG_RUN:
            return _soften_slow(word)
        breaks.append(i)
        previous = i
    if last - previous > LONG_RUN:
        return _soften_slow(word)
    if not breaks:
        return word
    pieces = []
    start = 0
    for i in breaks:
        pieces.append(word[start:i + 1])
        start = i + 1
    pieces.append(word[start:])
    return _SOFT.join(pieces)


def _soften_slow(word: str) -> str:
    """``word`` with a soft break after each separator (not inside a date, not between ``:`` and a
    digit) and after every LONG_RUN characters without one."""
    # the dates in the word, found once (a date needs a hyphen): where no break goes
    dates = [m.span() for m in _DATE.finditer(word)] if "-" in word else []
    out: list[str] = []
    run = 0
    last = len(word) - 1
    for i, ch in enumerate(word):
        out.append(ch)
        run += 1
        if i == last:
            break
        after = word[i + 1]
        # ``file.yaml:12`` keeps its line number; ``2023-11-06`` stays whole; ``https://`` breaks once
        separator = ch in _SEPARATORS and after not in _SEPARATORS and not (ch == ":" and after.isdigit())
        if (separator and not (dates and any(start <= i < end for start, end in dates))) or run >= LONG_RUN:
            out.append(_SOFT)
            run = 0
    return "".join(out)


def _soften_match(m: re.Match[str]) -> str:
    return _soften(m.group())


def _softened(text: object) -> str:
    """``text`` with soft-break markers in its long words (URLs, paths, ids); markers in the input are dropped."""
    value = "" if text is None else str(text)
    if _SOFT in value:
        value = value.replace(_SOFT, "")
    if len(value) <= LONG_WORD:  # no word long enough
        return value
    return _LONG_WORD.sub(_soften_match, value)


def wrap(text: object) -> Markup:
    """HTML-escape ``text`` and let its long words (URLs, paths, ids) break at ``/``, ``-``, ``.``
    and similar, or every LONG_WORD characters: a table cell then wraps them instead of growing
    wider than the page, and never breaks a short word letter by letter."""
    if type(text) is str and len(text) <= _MEMO_LENGTH:  # ids, paths and rule names repeat across rows
        return _wrap_text(text)
    return _wrap(text)


def _wrap(text: object) -> Markup:
    html = str(escape(_softened(text))).replace(_SOFT, "<wbr>")
    if "-" not in html:  # no date to keep on one line
        return Markup(html)
    return Markup(_DATE.sub(_nowrap, html))


def _nowrap(m: re.Match[str]) -> str:
    return f'<span class="nowrap">{m.group()}</span>'


def inline_code(text: str | None) -> Markup:
    """HTML-escape ``text`` and turn Markdown ```code``` spans into ``<code>`` elements (long words
    breakable as by :func:`wrap`)."""
    if type(text) is str and len(text) <= _MEMO_LENGTH:
        return _inline_code_text(text)
    return _inline_code(text)


def _inline_code(text: object) -> Markup:
    escaped = str(escape(_softened(text)))
    if "`" in escaped:
        escaped = _CODE.sub(r"<code>\1</code>", escaped)
    return Markup(escaped.replace(_SOFT, "<wbr>"))


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
