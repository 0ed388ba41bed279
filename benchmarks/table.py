"""The performance table of docs/performance.md (``python benchmarks/run.py --table``).

For each generator and size: generate the organization, then

- the *floor*: a fresh process reads every declaration file and composes it with
  libyaml (PyYAML's C loader, so line numbers are kept), timed inside that process;
- ``check --format json`` *cold* (a fresh, empty cache directory each run), alternating
  with the floor, medians of ``--repeat``; its peak memory (max RSS);
- ``check`` *warm*: the same command again with the cache filled, nothing changed;
- every other command once, cold, as a multiple of ``check``'s cold time.

Standard library only; wall-clock time of fresh processes (``time.perf_counter``),
so run it on a quiet machine. ``platform`` and the CPU count are printed with it.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
AS_OF = "2026-11-28"

FLOOR = r"""
import os, sys, time, yaml
root = sys.argv[1]
paths = []
for folder, dirs, files in os.walk(root):
    dirs[:] = [d for d in dirs if not d.startswith(".") and d != "docs"]
    paths += [os.path.join(folder, f) for f in files if f.endswith((".yaml", ".md"))]
start, cpu = time.perf_counter(), time.process_time()
for path in sorted(paths):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".md"):  # the front matter only
        parts = text.split("\n---", 1)
        text = parts[0].removeprefix("---\n") if len(parts) == 2 else ""
    yaml.compose(text, Loader=yaml.CSafeLoader)
print(time.perf_counter() - start, time.process_time() - cpu, len(paths))
"""


@dataclass
class Run:
    seconds: float
    exit: int
    rss_mib: float
    note: str = ""
    cpu: float = 0.0  # user + system CPU seconds


def timed(command: list[str], env: dict[str, str], timeout: float, cwd: Path | None = None) -> Run:
    """Wall time, exit status and peak RSS of one fresh process (output discarded)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=cwd)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                proc.kill()
                _, status, usage = os.wait4(proc.pid, 0)
                proc.returncode = -9
                return Run(time.perf_counter() - start, 124, usage.ru_maxrss / 1024, f"timed out after {timeout:.0f} s")
            time.sleep(0.005)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        cpu = usage.ru_utime + usage.ru_stime
        note = ""
        if proc.returncode not in (0, 1):
            err.seek(0)
            lines = err.read().decode("utf-8", "replace").strip().splitlines()
            note = lines[-1] if lines else "(no output)"
    return Run(seconds, proc.returncode, usage.ru_maxrss / 1024, note, cpu)


def floor(org: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds of composing every declaration file, and how many there are."""
    out = subprocess.run([sys.executable, "-c", FLOOR, str(org)], capture_output=True, text=True, check=True)
    seconds, cpu, files = out.stdout.split()
    return float(seconds), float(cpu), int(files)


def generate(kind: str, out: Path, systems: int) -> None:
    if kind == "project":
        args = [str(HERE / "generate_org.py"), str(out), "--systems", str(systems), "--processors", str(systems // 5)]
    else:
        args = [str(HERE / "generate_messy_org.py"), str(out), "--systems", str(systems)]
    subprocess.run([sys.executable, *args], check=True, capture_output=True)


def first_system(org: Path) -> str:
    return sorted(p.stem for p in (org / "systems").glob("*.yaml"))[0]


def git_repo(org: Path) -> None:
    """Commit the org, then change one system in the work tree (for `diff HEAD`)."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@x", "GIT_COMMITTER_NAME": "b"}
    env["GIT_COMMITTER_EMAIL"] = "b@x"
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "org"]):
        subprocess.run(["git", *args], cwd=org, env=env, check=True, capture_output=True)
    path = org / "systems" / f"{first_system(org)}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("mfa: true", "mfa: false"), encoding="utf-8")


def commands(org: Path) -> dict[str, list[str]]:
    node = first_system(org)
    return {
        "erasure-plan": ["erasure-plan", str(org), "--subject", "customer", "--as-of", AS_OF, "--format", "json"],
        "access-plan": ["access-plan", str(org), "--subject", "customer", "--as-of", AS_OF, "--format", "json"],
        "breach-impact": ["breach-impact", str(org), node, "--as-of", AS_OF, "--format", "json"],
        "transparency": ["transparency", str(org), "--as-of", AS_OF, "--format", "json"],
        "report": ["report", str(org), "--as-of", AS_OF],
        "ropa": ["ropa", str(org), "--as-of", AS_OF, "--format", "json"],
        "graph": ["graph", str(org), "--as-of", AS_OF, "--format", "json"],
        "diff": ["diff", "HEAD", "-C", str(org), "--as-of", AS_OF, "--format", "json"],
    }


def fmt(seconds: float) -> str:
    return f"{seconds:.2f}" if seconds < 10 else f"{seconds:.1f}"


def main(args: argparse.Namespace, cli: list[str]) -> int:
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    wanted = None if args.commands == "all" else {c.strip() for c in args.commands.split(",")}
    print(f"machine: {platform.platform()}, {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs; ")
    print(f"python {platform.python_version()}; command: {' '.join(cli)}; medians of {args.repeat}; --as-of {AS_OF}")
    print(
        "wall: elapsed seconds; cpu: user + system CPU seconds of the process and the workers it waited for "
        "(robust on a busy machine); ratio = check / floor, by wall and by cpu (wall is below cpu when check "
        "uses both cores; on a busy machine only cpu is comparable)"
    )
    head = (
        "| organization | files | check cold wall / cpu s | libyaml floor wall / cpu s | ratio wall / cpu "
        "| peak RSS MiB | check warm wall / cpu s | findings |"
    )
    rows = [head, "|---|---|---|---|---|---|---|---|"]
    others = [
        "| organization | command | cold wall / cpu s | x check (wall / cpu) | exit | peak RSS MiB |",
        "|---|---|---|---|---|---|",
    ]
    failed = False
    with tempfile.TemporaryDirectory(prefix="policycheck-table-") as tmp:
        base_env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYCHECK_")}
        for kind in ("project", "messy"):
            for size in sizes:
                org = Path(tmp) / f"{kind}-{size}"
                generate(kind, org, size)
                label = f"{'generate_org.py' if kind == 'project' else 'generate_messy_org.py'}, {size:,} systems"
                check = [*cli, "check", str(org), "--as-of", AS_OF, "--format", "json"]
                floors: list[tuple[float, float]] = []
                colds: list[Run] = []
                files = 0
                for i in range(args.repeat):  # alternating, so that both see the same machine
                    seconds, cpu, files = floor(org)
                    floors.append((seconds, cpu))
                    cache = Path(tmp) / f"cache-{kind}-{size}-{i}"
                    colds.append(timed(check, {**base_env, "POLICYCHECK_CACHE_DIR": str(cache)}, args.timeout))
                warm_env = {**base_env, "POLICYCHECK_CACHE_DIR": str(Path(tmp) / f"cache-{kind}-{size}-0")}
                warms = [timed(check, warm_env, args.timeout) for _ in range(args.repeat)]
                out = subprocess.run(check, capture_output=True, text=True, env=warm_env)
                findings = out.stdout.count('"fingerprint"')
                cold = statistics.median(r.seconds for r in colds)
                cold_cpu = statistics.median(r.cpu for r in colds)
                low = statistics.median(f[0] for f in floors)
                low_cpu = statistics.median(f[1] for f in floors)
                rss = max(r.rss_mib for r in colds)
                warm = statistics.median(r.seconds for r in warms)
                warm_cpu = statistics.median(r.cpu for r in warms)
                bad = {r.note or f"exit {r.exit}" for r in colds + warms if r.exit not in (0, 1)}
                failed |= bool(bad)
                rows.append(
                    f"| {label} | {files:,} | {fmt(cold)} / {fmt(cold_cpu)} | {fmt(low)} / {fmt(low_cpu)} | "
                    f"{cold / low:.1f} / {cold_cpu / low_cpu:.1f} | {rss:.0f} | {fmt(warm)} / {fmt(warm_cpu)} | "
                    f"{findings:,}{' FAILED: ' + '; '.join(sorted(bad)) if bad else ''} |"
                )
                print(rows[-1], flush=True)
                todo = {k: v for k, v in commands(org).items() if wanted is None or k in wanted}
                if "diff" in todo and shutil.which("git"):
                    git_repo(org)
                for name, argv in todo.items():
                    cache = Path(tmp) / f"cache-{kind}-{size}-{name}"
                    run = timed([*cli, *argv], {**base_env, "POLICYCHECK_CACHE_DIR": str(cache)}, args.timeout)
                    status = run.note or str(run.exit)
                    failed |= run.exit not in (0, 1)
                    timed_out = run.exit == 124
                    cpu = "-" if timed_out else fmt(run.cpu)
                    times = "-" if timed_out else f"{run.seconds / cold:.1f} / {run.cpu / cold_cpu:.1f}"
                    others.append(
                        f"| {label} | {name} | {fmt(run.seconds)} / {cpu} | {times} | {status} | {run.rss_mib:.0f} |"
                    )
                    print(others[-1], flush=True)
                shutil.rmtree(org)
    print()
    print("\n".join(rows))
    if len(others) > 2:
        print()
        print("\n".join(others))
    return 1 if failed else 0
