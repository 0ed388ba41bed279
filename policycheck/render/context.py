"""What the CI renderers know beside the result: the rules, where the repo sits, the configuration.

The check command passes these as keyword context to every renderer
(``rules=``, ``root=``, ``path_prefix=``, ``severities=``, ``fail_on=``);
:class:`ReportContext` reads them once, with safe defaults, so a renderer
also works when called with the result alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from policycheck.rules.pack import Rule

#: severity -> SARIF level and GitHub annotation command
LEVELS: dict[str, tuple[str, str]] = {
    "critical": ("error", "error"),
    "high": ("error", "error"),
    "medium": ("warning", "warning"),
    "low": ("note", "notice"),
    "info": ("note", "notice"),
}


@dataclass(frozen=True)
class ReportContext:
    rules: tuple[Rule, ...] = ()
    #: the compliance repo's directory inside the git work tree (``""`` or ``"compliance/"``)
    path_prefix: str = ""
    #: the effective severity of every enabled rule (after policycheck.yaml's overrides);
    #: None when unknown, then every rule counts as enabled at its default severity
    severities: Mapping[str, str] | None = None
    fail_on: str | None = None
    by_id: dict[str, Rule] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, context: Mapping[str, object]) -> ReportContext:
        rules = cast("Iterable[Rule]", context.get("rules") or ())
        prefix = context.get("path_prefix") or ""
        severities = context.get("severities")
        fail_on = context.get("fail_on")
        ordered = tuple(sorted(rules, key=lambda r: r.id))
        prefix_text = str(prefix)
        if prefix_text and not prefix_text.endswith("/"):
            prefix_text += "/"
        return cls(
            rules=ordered,
            path_prefix=prefix_text,
            severities=severities if isinstance(severities, Mapping) else None,
            fail_on=str(fail_on) if fail_on else None,
            by_id={r.id: r for r in ordered},
        )

    def path(self, file: str) -> str:
        """``file`` (relative to the compliance repo) relative to the git work tree."""
        return self.path_prefix + file

    def enabled(self, rule: Rule) -> bool:
        return self.severities is None or rule.id in self.severities

    def severity(self, rule: Rule) -> str:
        if self.severities is not None and rule.id in self.severities:
            return self.severities[rule.id]
        return rule.spec.severity

    def enabled_rules(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if self.enabled(r))
