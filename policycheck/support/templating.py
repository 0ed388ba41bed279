"""Jinja2 rendering of the support outputs; JSON output.

Templates live in ``templates/`` beside this module: ``<name>.txt.j2``, ``<name>.md.j2``,
``<name>.html.j2``. HTML templates are autoescaped; text and Markdown are not. Every template
gets ``t(key, **fields)`` (the text catalog in the output language) and ``lang``.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from policycheck import i18n
from policycheck.support.texts import tr

TEMPLATES = Path(__file__).resolve().parent / "templates"
SUFFIX = {"text": "txt", "markdown": "md", "html": "html"}


@cache
def _environment() -> jinja2.Environment:
    """The support answers' environment, from the one factory (:func:`policycheck.templating.environment`)."""
    from policycheck.templating import environment

    return environment("policycheck.support", {"md": markdown_inline, "cite": cite})


def render(name: str, fmt: str, lang: str, **context: Any) -> str:
    """Render template ``<name>.<suffix>.j2`` for ``fmt`` (text, markdown or html)."""
    template = _environment().get_template(f"{name}.{SUFFIX[fmt]}.j2")

    def t(key: str, **fields: object) -> str:
        return tr(key, lang, **fields)

    out = template.render(t=t, lang=lang, **context)
    return re.sub(r"\n{3,}", "\n\n", out).rstrip("\n") + "\n"


def to_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


_MD_SPECIAL = re.compile(r"([\\*\[\]<>|])")


def markdown_inline(value: object) -> str:
    """Escape text for inline Markdown (keeps declared names from turning into markup)."""
    return _MD_SPECIAL.sub(r"\\\1", str(value)).replace("\n", " ")


def cite(text: str, lang: str) -> str:
    """Article citations in the style of ``lang``: ``Art. 17(3)(b)`` -> ``art. 17.3 b`` in Swedish
    (:func:`policycheck.i18n.article`)."""
    return i18n.article(text, lang)
