"""`policycheck rules`: list, explain and test the rule pack (built-in plus the repo's own rules).

``policycheck rules [DIR]`` lists; ``rules explain ID [DIR]`` shows one rule's docs;
``rules test [DIR]`` runs every rule's examples. DIR is a compliance repo whose
``rules/*.yaml`` join the pack; without it, the repo around the working
directory (if any) does.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from policycheck.commands.select import complete_rule_ids

if TYPE_CHECKING:
    from policycheck.rules.pack import Rule

LIST_FORMATS = click.Choice(["text", "json"])
EXPLAIN_FORMATS = click.Choice(["text", "markdown"])
LANGS = click.Choice(["en", "sv"])
#: options of the group itself that take a value (to find DIR among the arguments)
_VALUE_OPTIONS = ("--format", "--lang")


class RulesGroup(click.Group):
    """A group whose first argument is either a subcommand or the DIR to list."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        rest = list(args)
        i = 0
        while i < len(rest):
            arg = rest[i]
            if arg == "--":
                break
            if arg.startswith("-"):
                i += 2 if arg in _VALUE_OPTIONS else 1
                continue
            if arg not in self.commands:
                ctx.meta["rules_directory"] = Path(arg)
                del rest[i]
            break
        return super().parse_args(ctx, rest)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, "[OPTIONS] [DIR] | COMMAND [ARGS]...")


def _root(directory: Path | None) -> Path | None:
    """The compliance repo whose own rules join the pack: DIR, else the one around the cwd, else none."""
    from policycheck.errors import UsageError
    from policycheck.load.files import find_root

    if directory is not None:
        return find_root(directory)
    try:
        return find_root(None)
    except UsageError:
        return None


def _pack(directory: Path | None) -> tuple[Path | None, list[Rule]]:
    from policycheck.rules.pack import load_pack

    root = _root(directory)
    return root, load_pack(root)


def _row(rule: Rule, lang: str) -> dict[str, Any]:
    return {
        "id": rule.id,
        "severity": rule.spec.severity,
        "area": rule.spec.area,
        "title": rule.spec.title_in(lang),
        "articles": list(rule.spec.articles),
        "builtin": rule.builtin,
        "file": rule.file,
    }


def render_list(rules: list[Rule], fmt: str, lang: str = "en") -> str:
    """The rules in catalogue order, titles in ``lang`` where translated (ids, severities, areas stay codes)."""
    from policycheck.docs_gen import by_area

    ordered = by_area(rules)
    if fmt == "json":
        import json

        return json.dumps({"rules": [_row(r, lang) for r in ordered]}, indent=2, ensure_ascii=False) + "\n"
    from policycheck.i18n import word

    keys = ("cli.rules.id", "cli.rules.severity", "cli.rules.area", "cli.rules.title")
    header = tuple(word(key, lang) for key in keys)
    rows = [(r.id, r.spec.severity, r.spec.area, r.spec.title_in(lang)) for r in ordered]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row[:3], widths, strict=True)) + "  " + row[3]
        for row in [header, *rows]
    ]
    custom = sum(1 for r in rules if not r.builtin)
    lines.append(word("cli.rules.footer", lang, n=len(rules), builtin=len(rules) - custom, custom=custom))
    return "\n".join(lines) + "\n"


@click.group("rules", cls=RulesGroup, invoke_without_command=True)
@click.option(
    "--format", "fmt", type=LIST_FORMATS, default="text", show_default=True, help="Output format of the list."
)
@click.option("--lang", type=LANGS, default="en", show_default=True, help="Language of the titles.")
@click.pass_context
def command(ctx: click.Context, fmt: str, lang: str) -> None:
    """List the rules: id, severity, area and title.

    The pack is the built-in rules plus the `rules/*.yaml` of the compliance
    repo DIR (default: the repo around the working directory, if any).
    `policycheck rules explain ID` shows a rule's docs; `policycheck rules
    test` runs every rule's examples.
    """
    if ctx.invoked_subcommand is not None:
        if "rules_directory" in ctx.meta:
            raise click.UsageError("DIR goes after the subcommand: policycheck rules COMMAND ... [DIR]")
        return
    _, rules = _pack(ctx.meta.get("rules_directory"))
    from policycheck.commands.output import echo

    echo(render_list(rules, fmt, lang), fmt)


@command.command("explain")
@click.argument("rule_id", metavar="ID", shell_complete=complete_rule_ids)
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path), metavar="[DIR]")
@click.option("--format", "fmt", type=EXPLAIN_FORMATS, default="text", show_default=True, help="Output format.")
@click.option(
    "--lang",
    type=LANGS,
    default=None,
    help="Language of the title, docs and message; default en "
    "(markdown without --lang: English docs, the Swedish title and every message).",
)
def explain(rule_id: str, directory: Path | None, fmt: str, lang: str | None) -> None:
    """Show the docs of rule ID: what it checks, why, an example, how to fix it, its parameters."""
    from policycheck.docs_gen import rule_markdown, rule_text
    from policycheck.errors import UsageError, did_you_mean

    _, rules = _pack(directory)
    by_id = {r.id: r for r in rules}
    rule = by_id.get(rule_id)
    if rule is None:
        raise UsageError(f"unknown rule '{rule_id}'{did_you_mean(rule_id, by_id)}; `policycheck rules` lists them")
    text = rule_markdown(rule, lang) if fmt == "markdown" else rule_text(rule, lang or "en")
    from policycheck.commands.output import echo

    echo(text.rstrip("\n") + "\n", fmt)


@command.command("test")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path), metavar="[DIR]")
@click.option("--rule", "only", multiple=True, metavar="ID", help="Run only this rule's examples (repeatable).")
def test(directory: Path | None, only: tuple[str, ...]) -> int:
    """Run the examples of every rule (built-in and the repo's own) and report each.

    A built-in rule's examples run on the pack's clean example repo; a custom
    rule's examples run on the compliance repo itself. Exit 1 when an example
    fails, 2 when a rule is invalid.
    """
    from policycheck.errors import UsageError, did_you_mean
    from policycheck.escape import terminal
    from policycheck.rules.examples import run_examples

    root, rules = _pack(directory)
    by_id = {r.id: r for r in rules}
    for rule_id in only:
        if rule_id not in by_id:
            raise UsageError(f"unknown rule '{rule_id}'{did_you_mean(rule_id, by_id)}; `policycheck rules` lists them")
    selected = [by_id[i] for i in sorted(set(only))] if only else rules
    outcomes = run_examples(rules, only=selected, base=root)
    for o in outcomes:
        if o.ok:
            click.echo(terminal(f"ok    {o.rule}: {o.example}"))
        else:
            click.echo(terminal(f"FAIL  {o.rule}: {o.example}: {o.detail}"))
    failed = sum(1 for o in outcomes if not o.ok)
    click.echo(f"{len(outcomes) - failed} passed, {failed} failed")
    return 1 if failed else 0
