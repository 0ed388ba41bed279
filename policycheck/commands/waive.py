"""`policycheck waive`: add a waiver to policycheck.yaml, keeping the file's comments and order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

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
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from policycheck.commands.options import today
    from policycheck.errors import UsageError
    from policycheck.load.files import find_root
    from policycheck.load.repo import did_you_mean
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
    yaml = YAML()  # round trip: comments, order and quoting survive
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never re-wrap the user's long lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    data = yaml.load(path.read_text(encoding="utf-8"))
    waivers = data.get("waivers")
    if waivers is None:
        waivers = CommentedSeq()
        data["waivers"] = waivers
    for w in waivers:
        if w.get("rule") == rule and w.get("subject") == subject:
            raise UsageError(f"a waiver for {rule} on {subject} exists already; edit it in {path.name}")
    entry = CommentedMap()
    entry["rule"] = rule
    entry["subject"] = subject
    entry["reason"] = reason
    if approved_by:
        entry["approved_by"] = approved_by
    entry["expires"] = expires
    waivers.append(entry)
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(data, fh)
    click.echo(f"Added waiver {len(waivers)} to {path}: {rule} on {subject}, expires {expires}.")
