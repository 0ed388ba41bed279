"""policycheck: a policy-as-code GDPR compliance checker for customer-support organizations.

As a library: ``policycheck.check(path, as_of=...)`` returns a :class:`policycheck.api.Checked`
(declarations, rules, findings, data map); it never prints or exits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from policycheck.api import Checked

__version__ = "0.1.0"

__all__ = ["__version__", "check"]


def check(path: Any = None, **options: Any) -> Checked:
    """Check the compliance repo at ``path``; see :func:`policycheck.api.check` (imported on use,
    so that ``policycheck --help`` stays lean)."""
    from policycheck.api import check as _check

    return _check(path, **options)
