"""The one Jinja2 environment factory: every template of policycheck (reports, support answers)
gets its environment here, with the same settings, the language layer's formatters as filters
(``duration``, ``cite``, ``severity``, ``listing``) and its own escaping filters on top.

Autoescaping is on for HTML and SVG templates and off for text and Markdown, which escape
with their ``md`` filters.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from policycheck import i18n

#: formatters of the language layer, as filters: ``{{ value | duration(lang) }}``
I18N_FILTERS: dict[str, Callable[..., Any]] = {
    "duration": i18n.duration,
    "cite": i18n.article,
    "severity": i18n.severity,
    "listing": i18n.join,  # not "join": Jinja has a join filter of its own
}


def environment(
    package: str,
    filters: Mapping[str, Callable[..., Any]] | None = None,
    finalize: Callable[..., Any] | None = None,
) -> Environment:
    """An environment for the templates in ``<package>/templates``, with ``filters`` (a module's
    escaping filters) over the language layer's, and the module's ``finalize`` (escaping every
    printed value), if any."""
    env = Environment(
        loader=PackageLoader(package, "templates"),
        autoescape=select_autoescape(enabled_extensions=("html.j2", "svg.j2"), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=finalize,
    )
    env.filters.update(I18N_FILTERS)
    env.filters.update(filters or {})
    return env
