"""Legal reference data of the pack (``policies/reference/*.yaml``), read once.

EU/EEA states, adequacy decisions with their scope, the six required policy
document types and their topics, supervisory authorities and Swedish
retention laws. Facts the sources could not confirm carry ``verified: false``
in the data, and every output that uses them says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from policycheck.errors import InvalidInput, Problem


def pack_dir() -> Path:
    """The built-in rule pack: ``policies/`` beside the package (or inside a wheel)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_pack", here.parent / "policies"):
        if (candidate / "reference").is_dir():
            return candidate
    raise InvalidInput([Problem(str(here), 0, 0, "the built-in rule pack is missing")])


@dataclass(frozen=True)
class AdequacyDecision:
    id: str
    country: str | None
    name: str
    decision: str
    adopted: dt.date | None
    expires: dt.date | None
    scope: str  # full | partial | international-organisation
    covers_when: tuple[str, ...]  # holder mechanisms that bring it inside a partial scope
    scope_note: str
    verified: bool

    def in_force(self, on: dt.date) -> bool:
        return (self.adopted is None or self.adopted <= on) and (self.expires is None or on <= self.expires)


@dataclass(frozen=True)
class PolicyType:
    type: str
    title: dict[str, str]
    governs: dict[str, str]
    must_cover: tuple[str, ...]
    requires_levels: bool
    topics: dict[str, dict[str, str]]


@dataclass(frozen=True)
class Reference:
    countries: dict[str, str]
    country_aliases: dict[str, str]
    eu: frozenset[str]
    eea: frozenset[str]
    adequacy: dict[str, AdequacyDecision]  # by country code
    policy_types: dict[str, PolicyType]
    authorities: dict[str, dict[str, Any]]
    retention_laws: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Swedish country names by code (``names_sv`` in countries.yaml); not every code has one
    names_sv: dict[str, str] = field(default_factory=dict)

    def in_eea(self, country: str) -> bool:
        return country in self.eea

    def country_name(self, code: str, lang: str = "en") -> str:
        """The country's name in ``lang``: Swedish where ``names_sv`` has it, else the ISO English name."""
        if lang == "sv" and code in self.names_sv:
            return self.names_sv[code]
        return self.countries.get(code, code)


def _read(path: Path) -> Any:
    from policycheck.load.yamlread import read_yaml

    doc, problems = read_yaml(path.read_text(encoding="utf-8"), str(path))
    if problems:
        raise InvalidInput(problems)
    return doc.data


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


@cache
def reference() -> Reference:
    base = pack_dir() / "reference"
    countries = _read(base / "countries.yaml")
    eea = _read(base / "eea.yaml")
    adequacy: dict[str, AdequacyDecision] = {}
    for d in _read(base / "adequacy.yaml")["decisions"]:
        decision = AdequacyDecision(
            id=d["id"],
            country=d.get("country"),
            name=d["name"],
            decision=str(d["decision"]),
            adopted=d.get("adopted"),
            expires=d.get("expires"),
            scope=d["scope"],
            covers_when=_tuple(d.get("covers_when")),
            scope_note=d.get("scope_note") or "",
            verified=bool(d.get("verified")),
        )
        if decision.country:
            adequacy[decision.country] = decision
    types = {}
    types_data = _read(base / "policy_types.yaml")
    all_topics = types_data.get("topics") or {}
    for t in types_data["policy_types"]:
        types[t["type"]] = PolicyType(
            type=t["type"],
            title=t["title"],
            governs=t.get("governs", {}),
            must_cover=_tuple(t.get("must_cover")),
            requires_levels=bool(t.get("requires_levels")),
            topics={k: all_topics.get(k, {"en": k, "sv": k}) for k in t.get("must_cover") or ()},
        )
    authorities = _read(base / "authorities.yaml")["authorities"]
    laws_file = base / "retention_laws.yaml"
    laws = {law["id"]: law for law in _read(laws_file)["retention_laws"]} if laws_file.exists() else {}
    eu = frozenset(eea["eu"])
    return Reference(
        countries=dict(countries["countries"]),
        country_aliases=dict(countries.get("aliases") or {}),
        eu=eu,
        eea=eu | frozenset(eea["eea_efta"]),
        adequacy=adequacy,
        policy_types=types,
        authorities=authorities,
        retention_laws=laws,
        names_sv=dict(countries.get("names_sv") or {}),
    )
