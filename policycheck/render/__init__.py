"""Renderers: each turns a check result into a string. One module per format, one registry.

A module may also define ``stream`` (same arguments): the same text in pieces, so that a large
report is written as it is made instead of held whole; :func:`get_stream` falls back to
``render``'s string as one piece.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Protocol

from policycheck.findings import CheckResult


class Renderer(Protocol):
    def __call__(self, result: CheckResult, *, color: bool = False, lang: str = "en", **context: object) -> str: ...


class Streamer(Protocol):
    def __call__(
        self, result: CheckResult, *, color: bool = False, lang: str = "en", **context: object
    ) -> Iterator[str]: ...


#: format name -> module in this package that defines ``render``
FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json",
    "sarif": "sarif",
    "junit": "junit",
    "github": "github",
    "markdown": "markdown",
    "codequality": "codequality",
}


def get_renderer(fmt: str) -> Renderer:
    module = importlib.import_module(f"policycheck.render.{FORMATS[fmt]}")
    renderer: Renderer = module.render
    return renderer


def get_stream(fmt: str) -> Streamer:
    """The renderer of ``fmt`` as pieces of text (their join is ``get_renderer(fmt)``'s string)."""
    module = importlib.import_module(f"policycheck.render.{FORMATS[fmt]}")
    streamer: Streamer | None = getattr(module, "stream", None)
    if streamer is not None:
        return streamer
    render: Renderer = module.render

    def whole(result: CheckResult, *, color: bool = False, lang: str = "en", **context: object) -> Iterator[str]:
        yield render(result, color=color, lang=lang, **context)

    return whole
