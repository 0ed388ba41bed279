"""`breach-impact --record`: append a prefilled entry to the breach register (breaches.yaml, Art. 33(5)).

The entry holds what the impact analysis knows (when we became aware, where,
which categories, how many people where given) and nothing a person has not
decided: `risk`, `authority_notified` and `subjects_informed` are left out, so
`breach-not-assessed` reports the entry until the decision is recorded.

The file is edited as a round trip (ruamel.yaml: comments, order and quoting
survive), written to a temporary file in the same folder, loaded back with the
whole repo, and only then renamed over the original: a failed write never
leaves a broken register.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from policycheck.errors import InvalidInput, Problem, UsageError
from policycheck.load.files import FileSystemReader, SourceFile
from policycheck.model import Repo

REGISTER = "breaches.yaml"
HEADER = "# The breach register (Art. 33(5)): every personal data breach, notified or not.\n"


@dataclass(frozen=True)
class _Overlay(FileSystemReader):
    """The repo on disk, with one file's text replaced (the register about to be written)."""

    rel: str = ""
    text: str = ""

    def read(self, rel: str, problems: list[Problem]) -> SourceFile | None:
        if rel == self.rel:
            return SourceFile(rel, self.text)
        return super().read(rel, problems)


def entry_id(repo: Repo, aware: dt.datetime, node: str) -> str:
    """``YYYY-MM-<node>``, with ``-2``, ``-3``... when that id is taken."""
    base = f"{aware:%Y-%m}-{node}"
    ident, n = base, 1
    while ident in repo.breaches:
        n += 1
        ident = f"{base}-{n}"
    return ident


def record(
    root: Path,
    repo: Repo,
    node: str,
    aware: dt.datetime,
    categories: tuple[str, ...],
    affected: int | None,
) -> str:
    """Append the entry for a breach at ``node`` to ``root/breaches.yaml``; return its id."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from policycheck.load.repo import load_from

    if aware.tzinfo is None or aware.utcoffset() is None:
        raise UsageError(
            "--record needs --as-of with the time and its UTC offset, e.g. "
            f"{aware:%Y-%m-%dT%H:%M}+01:00: the register counts the 72 hours from it"
        )
    if node not in repo.systems and node not in repo.processors:
        raise UsageError(
            f"--record: '{node}' is a recipient; a breach register entry names the systems or processors "
            f"where it happened: record a breach at a recipient in {REGISTER} by hand"
        )
    path = root / REGISTER
    yaml = YAML()  # round trip: comments, order and quoting survive
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never re-wrap the user's long lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    original = path.read_text(encoding="utf-8") if path.exists() else HEADER + "breaches: []\n"
    data = yaml.load(original)
    if data is None:
        data = CommentedMap()
    if not isinstance(data, dict):
        raise UsageError(f"{REGISTER} is not a mapping with `breaches:`; fix it before recording")
    breaches = data.get("breaches")
    if breaches is None or (isinstance(breaches, list) and not breaches):
        breaches = CommentedSeq()  # block style, also in place of `breaches: []`
        data["breaches"] = breaches
    if not isinstance(breaches, list):
        raise UsageError(f"{REGISTER}: `breaches` is not a list; fix it before recording")
    ident = entry_id(repo, aware, node)
    entry = CommentedMap()
    entry["id"] = ident
    entry["aware"] = aware.isoformat(timespec="minutes")
    entry["systems"] = CommentedSeq([node])
    entry["systems"].fa.set_flow_style()
    entry["categories"] = CommentedSeq(categories)
    entry["categories"].fa.set_flow_style()
    if affected is not None:
        entry["subjects_estimate"] = affected
    entry.yaml_add_eol_comment(
        "recorded by `policycheck breach-impact --record`; still to record: description, risk, "
        "authority_notified (or false + not_notified_reason), subjects_informed, remedial",
        "id",
    )
    breaches.append(entry)
    out = io.StringIO()
    yaml.dump(data, out)
    text = out.getvalue()
    # load the whole repo back with the new register before anything on disk changes
    try:
        load_from(_Overlay(root, REGISTER, text), str(root))
    except InvalidInput as exc:
        raise UsageError(
            f"the new entry would make {REGISTER} invalid, so nothing was written: {exc.problems[0]}"
        ) from None
    fd, tmp = tempfile.mkstemp(prefix=".breaches.", suffix=".yaml.tmp", dir=root)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return ident
