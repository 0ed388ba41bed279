"""The one error hierarchy of policycheck, and its exit codes.

Every error a user can cause derives from :class:`PolicycheckError`; the CLI
maps it to exit code 2 in one place and prints it without a traceback.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INVALID = 2


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located at ``file:line:column``."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        # a problem with the file as a whole (its name, encoding, a symlink) points at line 1
        line, column = (self.line, self.column) if self.line else (1, 1)
        where = f"{self.file}:{line}"
        if column:
            where += f":{column}"
        return f"{where}: {self.message}"


class PolicycheckError(Exception):
    """Base of every error policycheck reports to the user (exit code 2)."""

    exit_code = EXIT_INVALID

    def lines(self) -> list[str]:
        return [str(self)]


class InvalidInput(PolicycheckError):
    """The declarations (or a rule file) could not be read or are invalid.

    Carries every problem found, so that one run reports all of them.
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


class UsageError(PolicycheckError):
    """A command was called with arguments that cannot work (no repo found, bad id...)."""


def did_you_mean(value: object, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or ``""``."""
    if not isinstance(value, str):
        return ""
    choices = list(choices)
    for choice in choices:
        if choice.lower() == value.lower() or choice.replace("_", "-") == value.replace("_", "-"):
            return f" (did you mean '{choice}'?)"
    matches = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""
