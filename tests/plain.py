"""The plain computations that the tests hold fast paths to (written as they were first)."""

from __future__ import annotations

from typing import Any

from policycheck.graph.dpia import Evidence
from policycheck.model import Repo


def plain_combining(
    repo: Repo, purpose: str, systems: tuple[str, ...], inflows: Any, index: Any = None
) -> tuple[Evidence, ...]:
    """The combining criterion as it was written first: every sender looked at again per purpose
    (``index``, what :func:`policycheck.graph.dpia.combining` is also given, is not read)."""
    out: list[Evidence] = []
    for target in systems:
        senders = sorted(
            {
                src
                for src, i in inflows.get(target, ())
                if src != target
                and repo.systems[src].flows[i].transform != "anonymized"
                and repo.systems[src].flows[i].categories
            }
        )
        sources: list[Evidence] = []
        others: set[str] = set()
        for sid in senders:
            stores = repo.systems[sid].stores
            held = tuple(sorted({st.purpose for st in stores if st.purpose and st.purpose != purpose}))
            if held:
                others.update(held)
                sources.append(Evidence("flow", f"{sid} -> {target}", held))
        if len(others) >= 2:
            out += [Evidence("system", target), *sources]
    return tuple(out)
