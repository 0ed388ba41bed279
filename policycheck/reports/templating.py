"""The Jinja2 environment of the reports: templates in ``templates/``, autoescaped for HTML and SVG.

Markdown templates are not autoescaped; they escape table cells with the ``md`` filter.
"""

from __future__ import annotations

import re
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from policycheck.escape import markdown, markdown_code

_CODE = re.compile(r"`([^`]+)`")


def inline_code(text: str | None) -> Markup:
    """HTML-escape ``text`` and turn Markdown ```code``` spans into ``<code>`` elements."""
    escaped = str(escape(text or ""))
    return Markup(_CODE.sub(r"<code>\1</code>", escaped))


def md(text: object) -> str:
    """Text safe inside a Markdown table cell or paragraph (:func:`policycheck.escape.markdown`)."""
    return markdown(" ".join(("" if text is None else str(text)).split()))


def md_code(text: object) -> str:
    """An inline Markdown code span (:func:`policycheck.escape.markdown_code`)."""
    return markdown_code(" ".join(("" if text is None else str(text)).split()))


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("policycheck.reports", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html.j2", "svg.j2"), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["code"] = inline_code
    env.filters["md"] = md
    env.filters["md_code"] = md_code
    return env
