"""`policycheck waive`: add a waiver to policycheck.yaml, keeping the file's comments and order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from policycheck.commands.options import DateParam, repo_argument
from policycheck.commands.select import complete_rule_ids, complete_subjects


@click.command("waive")
@click.argument("rule", shell_complete=complete_rule_ids)
@click.argument("subject", shell_complete=complete_subjects)
@repo_argument
@click.option("--reason", required=True, help="Why the risk is accepted.")
@click.option("--expires", required=True, type=DateParam(), help="When it must be looked at again (YYYY-MM-DD).")
@click.option("--approved-by", default=None, help="Who decided (a person or role).")
@click.option("--force", is_flag=True, help="Add it even though no current finding matches.")
def command(
    rule: str, subject: str, directory: Path | None, reason: str, expires: dt.date, approved_by: str | None, force: bool
) -> None:
    """Waive finding RULE on SUBJECT (as `check` prints it, e.g. processor:legacy-sms)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from policycheck.commands.options import today
    from policycheck.errors import Problem, UsageError, did_you_mean
    from policycheck.escape import terminal
    from policycheck.load.files import find_root
    from policycheck.load.write import edit_yaml
    from policycheck.rules.pack import load_pack

    root = find_root(directory)
    ids = {r.id for r in load_pack(root)}
    if rule not in ids:
        raise UsageError(f"unknown rule '{rule}'{did_you_mean(rule, ids)}; `policycheck rules` lists them")
    if ":" not in subject and subject not in ("organization", "privacy-notice"):
        raise UsageError(f"subject '{subject}' should be KIND:ID as findings print it, e.g. system:{subject}")
    if expires <= today():
        raise UsageError(f"--expires {expires} is not in the future")
    if not reason.strip():
        raise UsageError("--reason must say why the risk is accepted")
    for option, value in (("--reason", reason), ("--approved-by", approved_by or ""), ("SUBJECT", subject)):
        _check_text(option, value)
    if not force:
        from policycheck.commands.options import check

        _, _, _, result = check(root, None, None)
        current = {f.subject for f in result.findings if f.rule == rule}
        if subject not in current:
            hint = did_you_mean(subject, current)
            listed = f"; its current findings: {', '.join(sorted(current))}" if current and not hint else ""
            raise UsageError(
                f"no current {rule} finding on '{subject}'{hint}{listed} "
                "(a waiver must match a finding; --force adds it anyway)"
            )
    path = root / "policycheck.yaml"
    added: list[int] = []

    def change(data: Any) -> None:
        if not isinstance(data, dict):
            raise UsageError(f"{path.name}: expected a mapping with `organization:`; fix the file first")
        waivers = data.get("waivers")
        if waivers is None:
            waivers = CommentedSeq()
            data["waivers"] = waivers
        for w in waivers:
            if isinstance(w, dict) and w.get("rule") == rule and w.get("subject") == subject:
                raise UsageError(f"a waiver for {rule} on {subject} exists already; edit it in {path.name}")
        entry = CommentedMap()
        entry["rule"] = rule
        entry["subject"] = subject
        entry["reason"] = reason
        if approved_by:
            entry["approved_by"] = approved_by
        entry["expires"] = expires
        waivers.append(entry)
        added.append(len(waivers))

    def verify(old: str, text: str) -> None:
        """The new file loads with the real loader, and holds every waiver it held plus the new one."""
        from policycheck.errors import InvalidInput
        from policycheck.load.files import FileSystemReader, SourceFile
        from policycheck.load.repo import load_from

        class Overlay(FileSystemReader):
            def read(self, rel: str, problems: list[Problem]) -> SourceFile | None:
                if rel == "policycheck.yaml":
                    return SourceFile(rel, text)
                return super().read(rel, problems)

        try:
            load_from(Overlay(root), str(root))
        except InvalidInput as exc:
            mine = [p for p in exc.problems if p.file == "policycheck.yaml"]
            if mine:
                raise UsageError(f"the waiver would make {path.name} invalid ({mine[0]}); nothing was changed") from exc
        before, after = _waivers(old), _waivers(text)
        if after[: len(before)] != before or len(after) != len(before) + 1:
            raise UsageError(f"writing the waiver would change other waivers in {path.name}; nothing was changed")
        meant = {"rule": rule, "subject": subject, "reason": reason, "expires": expires}
        if approved_by:
            meant["approved_by"] = approved_by
        if after[-1] != meant:
            raise UsageError(f"the waiver would read back differently from {path.name} ({after[-1]!r}); "
                             "nothing was changed")

    edit_yaml(path, change, root=root, verify=verify, list_key="waivers")
    click.echo(terminal(f"Added waiver {added[-1]} to {path}: {rule} on {subject}, expires {expires}."))


def _waivers(text: str) -> list[Any]:
    """The waivers of policycheck.yaml's text, as plain data (to compare before and after)."""
    from policycheck.load.yamlread import read_yaml

    doc, _ = read_yaml(text, "policycheck.yaml")
    waivers = doc.data.get("waivers") if isinstance(doc.data, dict) else None
    return list(waivers) if isinstance(waivers, list) else []


def _check_text(option: str, value: str) -> None:
    """Refuse text that cannot be written as UTF-8 YAML: invalid bytes from the shell, control characters."""
    from policycheck.errors import UsageError
    from policycheck.escape import terminal

    bad = next((c for c in value if 0xD800 <= ord(c) <= 0xDFFF), None)
    if bad is not None:
        raise UsageError(
            f"{option} holds bytes that are not UTF-8 ({terminal(value)}); check the terminal's encoding "
            "and write it again"
        )
    ctrl = next((c for c in value if (ord(c) < 0x20 and c not in "\t") or 0x7F <= ord(c) <= 0x9F), None)
    if ctrl is not None:
        raise UsageError(f"{option} holds a control character ({terminal(ctrl)}); write it on one line, as text")
