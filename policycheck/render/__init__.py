"""Renderers: each turns a check result into a string. One module per format, one registry."""

from __future__ import annotations

import importlib
from typing import Protocol

from policycheck.findings import CheckResult


class Renderer(Protocol):
    def __call__(self, result: CheckResult, *, color: bool = False, lang: str = "en", **context: object) -> str: ...


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
