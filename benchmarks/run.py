"""Time ``policycheck check`` on the example org and on a large generated org.

    python benchmarks/run.py [--repeat 5] [--systems 5000] [--processors 1000]
    python benchmarks/run.py --table [--sizes 5000,20000] [--repeat 3] [--commands all]

Each run is a fresh process, as in CI or a pre-commit hook. The first run on
the freshly generated large org is reported as "cold". Exits 0 when every run
ended normally (exit status 0 or 1) within its budget, else 1.

``--table`` prints the table of docs/performance.md instead: for organizations
of both generators (``generate_org.py``, and ``generate_messy_org.py`` with many
findings) at each size, ``check`` cold (empty cache) and warm (nothing changed),
the libyaml floor (composing the same files with line numbers, measured in the
same run, alternating with ``check``), their ratio, peak memory, and every other
command's time as a multiple of ``check``'s.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
AS_OF = "2026-11-28"
NORMAL_EXIT = (0, 1)  # 0: no finding at or above fail_on; 1: findings; 2: invalid input


@dataclass
class Case:
    name: str
    args: list[str]
    budget: float  # seconds
    budget_on: str  # "median" or "cold"
    times: list[float] = field(default_factory=list)
    exits: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def ok_exits(self) -> bool:
        """Every run ended normally: exit status 0 or 1, no crash, well-formed output."""
        return bool(self.exits) and not self.errors and all(c in NORMAL_EXIT for c in self.exits)

    def measured(self) -> float | None:
        if not self.times:
            return None
        return self.times[0] if self.budget_on == "cold" else statistics.median(self.times)

    @property
    def within_budget(self) -> bool:
        value = self.measured()
        return value is not None and value < self.budget


def policycheck_command(override: str | None) -> list[str]:
    """How to run the CLI: ``--cmd``, the venv's script, the one on PATH, or ``-m``."""
    if override:
        return shlex.split(override)
    beside = Path(sys.executable).parent / "policycheck"
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    found = shutil.which("policycheck")
    if found:
        return [found]
    return [sys.executable, "-m", "policycheck"]


def run_once(command: list[str], case: Case, timeout: float) -> None:
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            [*command, *case.args],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError as exc:
        case.exits.append(127)
        case.errors.append(str(exc))
        return
    except subprocess.TimeoutExpired:
        case.times.append(time.perf_counter() - start)
        case.exits.append(124)
        case.errors.append(f"timed out after {timeout:.0f} s")
        return
    case.times.append(time.perf_counter() - start)
    case.exits.append(proc.returncode)
    lines = (proc.stderr or proc.stdout).strip().splitlines()
    if proc.returncode not in NORMAL_EXIT:
        case.errors.append(lines[-1] if lines else "(no output)")
    elif "Traceback (most recent call last)" in proc.stderr:
        # a crash also exits 1; the contract says check never prints a traceback
        case.errors.append("crashed: " + (lines[-1] if lines else "traceback"))
    elif "json" in case.args:
        total = json_total(proc.stdout)
        if total is None:
            case.errors.append("the --format json output is not the findings object")
        else:
            case.note = f"{total} findings"


def json_total(stdout: str) -> int | None:
    """``summary.total`` of a JSON report, or None when it is not one."""
    try:
        report = json.loads(stdout)
        total = report["summary"]["total"]
    except (ValueError, KeyError, TypeError):
        return None
    return total if isinstance(total, int) else None


def generate(outdir: Path, systems: int, processors: int, seed: int) -> float:
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            str(HERE / "generate_org.py"),
            str(outdir),
            "--systems",
            str(systems),
            "--processors",
            str(processors),
            "--seed",
            str(seed),
        ],
        check=True,
    )
    return time.perf_counter() - start


def fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def report(cases: Sequence[Case], command: list[str]) -> None:
    print(f"\ncommand: {shlex.join(command)}   (--as-of {AS_OF})")
    header = f"{'case':<28} {'runs':>4} {'cold s':>8} {'min s':>8} {'median s':>9} "
    header += f"{'budget':>10} {'exit':>6}  result"
    print(header)
    print("-" * len(header))
    for c in cases:
        cold = c.times[0] if c.times else None
        low = min(c.times) if c.times else None
        mid = statistics.median(c.times) if c.times else None
        exits = ",".join(sorted({str(e) for e in c.exits})) or "-"
        budget = f"<{c.budget:g} {c.budget_on}"
        if not c.ok_exits:
            result = "FAILED"
        elif c.within_budget:
            result = "ok"
        else:
            result = "OVER BUDGET"
        if c.note:
            result += f" ({c.note})"
        print(
            f"{c.name:<28} {len(c.times):>4} {fmt(cold):>8} {fmt(low):>8} {fmt(mid):>9} "
            f"{budget:>10} {exits:>6}  {result}"
        )
        for err in sorted(set(c.errors))[:3]:
            print(f"{'':<28} ! {err}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark `policycheck check`.")
    parser.add_argument("--repeat", type=int, default=5, help="runs per case (default 5)")
    parser.add_argument("--systems", type=int, default=5000)
    parser.add_argument("--processors", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="where to generate the large org (default: a temporary directory, removed after)",
    )
    parser.add_argument("--cmd", help="the command to time, e.g. 'policycheck' (default: auto)")
    parser.add_argument("--timeout", type=float, default=120.0, help="per run, in seconds")
    parser.add_argument("--table", action="store_true", help="print the performance table (docs/performance.md)")
    parser.add_argument("--sizes", default="5000,20000", help="--table: numbers of systems (default 5000,20000)")
    parser.add_argument(
        "--commands", default="all", help="--table: 'all', 'check', or a comma-separated list of commands"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.table:
        from table import main as table_main  # benchmarks/table.py, beside this file

        return table_main(args, policycheck_command(args.cmd))

    command = policycheck_command(args.cmd)
    with tempfile.TemporaryDirectory(prefix="policycheck-bench-") as tmp:
        big = (args.out or Path(tmp) / "big-org").resolve()
        took = generate(big, args.systems, args.processors, args.seed)
        print(f"generated {args.systems} systems / {args.processors} processors in {took:.2f} s")
        example = Case(
            "org_example",
            ["check", str(REPO / "org_example"), "--as-of", AS_OF],
            budget=0.5,
            budget_on="median",
        )
        large = Case(
            f"{args.systems}-system org (json)",
            ["check", str(big), "--as-of", AS_OF, "--format", "json"],
            budget=5.0,
            budget_on="cold",
        )
        cases = [example, large]
        for case in (large, example):  # the large org first, so its first run is cold
            for _ in range(args.repeat):
                run_once(command, case, args.timeout)
                if case.exits[-1] in (124, 127):
                    break  # no point repeating a missing command or a hang
                if case.errors and len(case.times) >= 2:
                    break  # it fails the same way each time
        report(cases, command)
    failed = [c.name for c in cases if not (c.ok_exits and c.within_budget)]
    if failed:
        print(f"\nnot met: {', '.join(failed)}")
        return 1
    print("\nall budgets met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
