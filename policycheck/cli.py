"""The command line: parse, dispatch, print, set the exit code. Nothing else.

Command modules are imported only when their command runs (or its help is
shown), so ``policycheck --help`` and ``--version`` stay fast: they import
neither pydantic, networkx nor ruamel.yaml.
"""

from __future__ import annotations

import gc
import importlib
import importlib.machinery
import os
import sys
import types
from typing import Any

import click

from policycheck import __version__

#: command name -> (module in policycheck.commands, short help)
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("init", "Start a compliance repo: a skeleton to fill in."),
    "check": ("check", "Check a compliance repo against the rule pack."),
    "waive": ("waive", "Accept a finding: add a waiver to policycheck.yaml (keeps comments)."),
    "rules": ("rules", "List, explain and test the rules."),
    "baseline": ("baseline", "Write the current findings to a baseline file."),
    "diff": ("diff", "Findings a change between two git revisions introduces and resolves."),
    "report": ("report", "Gap report for compliance officers (HTML or Markdown)."),
    "ropa": ("ropa", "The record of processing activities (Art. 30)."),
    "graph": ("graph", "The data map, for other tools."),
    "erasure-plan": ("erasure_plan", "Where a data subject's data is, and how to erase it."),
    "access-plan": ("access_plan", "Where to collect data for an access request, and what to answer."),
    "breach-impact": ("breach_impact", "What a breach of a system or processor exposes, and whom to notify."),
    "dpia": ("dpia", "DPIA screening of every purpose (WP248), or a DPIA draft for one (Art. 35)."),
    "transparency": ("transparency", "The customer-facing 'what we store about you' page."),
    "schema": ("schema", "Write JSON Schemas of the declaration files, for editors."),
    "export": ("export", "The compliance repo as Fides manifests."),
    "import": ("import_", "Start a compliance repo from a record of processing (RoPA) or Fides manifests."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, (module, _) in COMMANDS.items() if _available(module)]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS or not _available(COMMANDS[name][0]):
            return None
        module = importlib.import_module(f"policycheck.commands.{COMMANDS[name][0]}")
        command: click.Command = module.command
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """An unknown command is a usage error (exit 2) that names the closest command."""
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            import difflib

            matches = difflib.get_close_matches(name, self.list_commands(ctx), n=1, cutoff=0.6)
            hint = f" (did you mean `{matches[0]}`?)" if matches else ""
            ctx.fail(f"No such command '{name}'{hint}. Commands: {', '.join(self.list_commands(ctx))}.")
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; map our errors to exit code 2 in this one place, never a traceback."""
        from policycheck.errors import EXIT_INVALID, InvalidInput, PolicycheckError
        from policycheck.escape import guard_lines, terminal

        try:
            code = super().invoke(ctx)
        except PolicycheckError as exc:
            lines = exc.lines()
            for line in lines:  # names and values in messages come from users: one line, no control characters
                line = guard_lines(terminal(line))
                click.echo(line if _located(line) else f"error: {line}", err=True)
            if isinstance(exc, InvalidInput):
                n = len(lines)
                click.echo(f"{n} error{'' if n == 1 else 's'}; nothing was checked.", err=True)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except Exception as exc:  # fail closed: an internal error is never a pass
            if os.environ.get("POLICYCHECK_DEBUG"):
                raise
            click.echo(
                f"internal error: {type(exc).__name__}: {terminal(exc)} (set POLICYCHECK_DEBUG=1 for details, "
                "and please report it)",
                err=True,
            )
            ctx.exit(EXIT_INVALID)
        # commands return their exit code (0 or 1); this is the one place that exits
        ctx.exit(code if isinstance(code, int) else 0)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, help_) for name, (module, help_) in COMMANDS.items() if _available(module)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _available(module: str) -> bool:
    from importlib.util import find_spec

    return find_spec(f"policycheck.commands.{module}") is not None


def pack_version() -> str:
    """The built-in rule pack's version (``policies/VERSION``), read without loading the pack."""
    from policycheck.reference import pack_dir

    try:
        return (pack_dir() / "VERSION").read_text(encoding="utf-8").strip() or "unknown"
    except Exception:
        return "unknown"


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    click.echo(f"policycheck, version {__version__} (rule pack {pack_version()})")
    ctx.exit()


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help="Show the version and the rule pack's version, and exit.",
)
def cli() -> None:
    """policycheck: a policy-as-code GDPR compliance checker.

    Point it at a compliance repo (the directory holding policycheck.yaml).
    Exit codes: 0 no finding at or above fail_on, 1 findings, 2 invalid input.
    """


def main(argv: list[str] | None = None) -> Any:
    # One command is one pass over data that stays alive until it ends: the cyclic collector's
    # full collections over the growing heap cost 20-30 % of a large `check` and free next to
    # nothing (reference counting frees the rest; peak memory is the same). See docs/performance.md.
    gc.disable()
    _without_pydantic_plugins()
    return cli.main(args=argv, prog_name="policycheck")


_PLUGIN_LOADER = "pydantic.plugin._loader"


class _NoPydanticPlugins:
    """Imports ``pydantic.plugin._loader`` as a module that finds no plugin (see below)."""

    @staticmethod
    def find_spec(name: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if name != _PLUGIN_LOADER:
            return None
        return importlib.machinery.ModuleSpec(name, _NoPydanticPlugins)  # type: ignore[arg-type]

    @staticmethod
    def create_module(spec: importlib.machinery.ModuleSpec) -> None:
        return None  # the default module

    @staticmethod
    def exec_module(module: types.ModuleType) -> None:
        def get_plugins() -> tuple[()]:
            return ()

        def real(name: str) -> Any:  # a name another pydantic may ask for: the real module's
            if name.startswith("__"):  # what the import system asks of any module (__path__, ...)
                raise AttributeError(name)
            parent = sys.modules["pydantic.plugin"]
            spec = importlib.machinery.PathFinder.find_spec(_PLUGIN_LOADER, parent.__path__)
            if spec is None or spec.loader is None:
                raise AttributeError(name)
            loaded = types.ModuleType(_PLUGIN_LOADER)
            loaded.__file__ = spec.origin
            spec.loader.exec_module(loaded)
            return getattr(loaded, name)

        module.get_plugins = get_plugins  # type: ignore[attr-defined]
        module.__getattr__ = real  # type: ignore[method-assign]


def _without_pydantic_plugins() -> None:
    """No pydantic plugins in the command's process (not in a library user's: only ``main`` calls this).

    pydantic looks for plugins when it builds the first validator: it imports
    ``importlib.metadata`` and reads the entry points of every installed distribution, a
    tenth of a small `check`. A plugin could also observe or change how the declarations
    validate, which a checker must not allow. Its plugin loader is imported as a module
    that finds none; anything else asked of it is answered by the real module.
    """
    if _PLUGIN_LOADER not in sys.modules and _NoPydanticPlugins not in sys.meta_path:
        sys.meta_path.insert(0, _NoPydanticPlugins)


def _located(line: str) -> bool:
    """Whether an error line already starts with `file:line` (else it gets an `error:` prefix)."""
    import re

    return re.match(r"^\S+:\d+(:\d+)?: ", line) is not None
