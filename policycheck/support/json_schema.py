"""JSON Schemas (draft 2020-12) of the support commands' ``--format json`` output.

Generated from the plan dataclasses, so they cannot drift from the output; the copies in
``schemas/`` are for other tools and are kept current by a test. Regenerate them with
``python -m policycheck.support.json_schema``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"

#: command -> (module, dataclass) of its JSON output
OUTPUTS: dict[str, tuple[str, str]] = {
    "erasure-plan": ("policycheck.support.erasure", "ErasurePlan"),
    "access-plan": ("policycheck.support.access", "AccessPlan"),
    "breach-impact": ("policycheck.support.breach", "BreachImpact"),
    "transparency": ("policycheck.support.transparency", "TransparencyPage"),
}


def schema(command: str) -> dict[str, Any]:
    import importlib

    from pydantic import TypeAdapter

    module, name = OUTPUTS[command]
    model = getattr(importlib.import_module(module), name)
    out: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://policycheck.invalid/schemas/{command}.schema.json",
        "title": f"policycheck {command} --format json",
    }
    out.update(TypeAdapter(model).json_schema())
    out["title"] = f"policycheck {command} --format json"
    return out


def dumps(command: str) -> str:
    return json.dumps(schema(command), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_all(directory: Path = SCHEMA_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for command in OUTPUTS:
        path = directory / f"{command}.schema.json"
        path.write_text(dumps(command), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover
    for p in write_all():
        print(p)
