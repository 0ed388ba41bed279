"""A 1,000-deep sub-processor chain: the support commands walk the graph iteratively (no
recursion over it), so every link of the chain is found, in erasure-plan and access-plan."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli
from tests.support_repos import copy_fixture

DEPTH = 1000


def _deep_org(tmp_path: Path) -> Path:
    org = copy_fixture(
        "org_example",
        tmp_path,
        {"processors/twilio.yaml": ("subprocessors: [aws]", "subprocessors: [aws, chain-0001]")},
    )
    for i in range(1, DEPTH + 1):
        sub = f"subprocessors: [chain-{i + 1:04d}]\n" if i < DEPTH else ""
        (org / "processors" / f"chain-{i:04d}.yaml").write_text(
            f"name: Chain {i:04d} GmbH\ncountry: DE\n{sub}", encoding="utf-8"
        )
    return org


def test_a_thousand_deep_subprocessor_chain_is_followed_to_its_end(tmp_path: Path) -> None:
    org = _deep_org(tmp_path)
    erasure = run_cli("erasure-plan", str(org), "--subject", "customer", "--format", "json")
    assert erasure.exit_code == 0, erasure.output
    steps = {s["node"]: s for s in json.loads(erasure.output)["steps"]}
    chain = [f"chain-{i:04d}" for i in range(1, DEPTH + 1)]
    assert all(c in steps for c in chain)
    # the last link is a sub-processor instructed through the processor we engage, not the links between
    assert steps["chain-1000"]["via"] == ["zendesk"]
    assert steps["chain-1000"]["categories"] == steps["twilio"]["categories"]

    access = run_cli("access-plan", str(org), "--subject", "customer", "--format", "json")
    assert access.exit_code == 0, access.output
    text = access.output
    assert "Chain 1000 GmbH" in text
