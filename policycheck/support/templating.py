"""Jinja2 rendering of the support outputs; JSON output.

Templates live in ``templates/`` beside this module: ``<name>.txt.j2``, ``<name>.md.j2``,
``<name>.html.j2``. HTML templates are autoescaped; text and Markdown are not. Every template
gets ``t(key, **fields)`` (the text catalog in the output language) and ``lang``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from policycheck import i18n, jsonout
from policycheck.escape import MarkdownText, fenced, markdown
from policycheck.support.phrase import Field, tr, worded_dict, worded_json_fast

TEMPLATES = Path(__file__).resolve().parent / "templates"
SUFFIX = {"text": "txt", "markdown": "md", "html": "html"}


@cache
def _environment() -> jinja2.Environment:
    """The support answers' environment, from the one factory (:func:`policycheck.templating.environment`)."""
    from policycheck.templating import environment

    filters: dict[str, Callable[..., Any]] = {
        "md": markdown_inline,
        "cite": cite,
        "fenced": fenced,
        "autolink": autolink,
    }
    return environment("policycheck.support", filters, finalize=_finalize)


def render(name: str, fmt: str, lang: str, **context: Any) -> str:
    """Render template ``<name>.<suffix>.j2`` for ``fmt`` (text, markdown or html)."""
    template = _environment().get_template(f"{name}.{SUFFIX[fmt]}.j2")

    def t(key: str, **fields: object) -> str:
        if fmt == "markdown":  # our text as written, the values in it escaped
            return MarkdownText(tr(key, lang, **{k: markdown(v) for k, v in fields.items()}))
        return tr(key, lang, **fields)

    out = template.render(t=t, lang=lang, **context)
    return re.sub(r"\n{3,}", "\n\n", out).rstrip("\n") + "\n"


def to_json(data: Any) -> str:
    return jsonout.dumps(data) + "\n"  # json.dumps(indent=2, ensure_ascii=False), byte for byte, faster


def worded_json(result: object, lang: str, base: Mapping[str, Field] | None = None, *, memo: bool = False) -> str:
    """``to_json(jsonout.asdict(worded(result, lang, base)))``: a support answer as JSON, worded and
    converted in one pass (:func:`policycheck.support.phrase.worded_dict`; ``memo``: each distinct
    text worded once)."""
    fast = worded_json_fast(result, lang, base, memo=memo)
    if fast is not None:
        return fast + "\n"
    data, floats = worded_dict(result, lang, base, memo=memo)
    return jsonout.dumps(data, floats=floats) + "\n"


def markdown_inline(value: object) -> str:
    """Escape text for inline Markdown (keeps declared names from turning into markup)."""
    return markdown(value)


@jinja2.pass_context
def _finalize(context: jinja2.runtime.Context, value: object) -> object:
    """Every ``{{ value }}`` of a Markdown template is escaped unless a filter escaped it already."""
    if context.name is not None and context.name.endswith(".md.j2"):
        if value is None or isinstance(value, MarkdownText | jinja2.Undefined):
            return value
        return markdown(value)
    return value


_URL = re.compile(r"https://[A-Za-z0-9._~:/?#@!$&'()*+,;=%-]+")


def autolink(value: object) -> MarkdownText:
    """A Markdown autolink for an ``https://`` URL; anything else as escaped text."""
    text = "" if value is None else str(value)
    if _URL.fullmatch(text):
        return MarkdownText(f"<{text}>")
    return markdown(text)


def cite(text: str, lang: str) -> str:
    """Article citations in the style of ``lang``: ``Art. 17(3)(b)`` -> ``art. 17.3 b`` in Swedish
    (:func:`policycheck.i18n.article`); escaped Markdown stays escaped."""
    out = i18n.article(text, lang)
    return MarkdownText(out) if isinstance(text, MarkdownText) else out
