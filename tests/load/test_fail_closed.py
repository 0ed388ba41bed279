"""Issue 10: fail closed everywhere. Hostile names, odd files, safe writes, clear errors.

Each repro of the issue is a test here, run on a copy of org_example with --as-of 2026-11-28.
Injection cases assert on the exact bytes written; write cases run the failure (a file size
limit, concurrent writers, bad bytes) and check the file still loads with every waiver kept.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from policycheck.escape import csv_cell, fenced, guard_lines, markdown, markdown_code, terminal, xml_text
from tests.conftest import ORG_EXAMPLE, run_cli

AS_OF = "2026-11-28"
FORGED = "N\n::error file=x::FORGED\n::add-mask::high"
#: one name with a bit of every attack: workflow commands, terminal escapes, Markdown, HTML, CSV, XML
HOSTILE = (
    "N\n::error file=x::FORGED\n::add-mask::high \x1b]0;pwned\x07\x1b[2J\x9b31m [x](https://evil.example) "
    '![t](https://evil.example/i.png) <img src=x onerror=alert(1)> =HYPERLINK("https://evil.example","x") '
    "\x01 \uffff ``` | * \u202e"
)


def org(tmp_path: Path) -> Path:
    repo = tmp_path / "o"
    shutil.copytree(ORG_EXAMPLE, repo)
    return repo


def rename_system(repo: Path, system: str, name: str) -> None:
    path = repo / "systems" / f"{system}.yaml"
    text = path.read_text(encoding="utf-8")
    new = re.sub(r"^name: .*$", lambda m: "name: " + json.dumps(name), text, count=1, flags=re.M)
    path.write_text(new, encoding="utf-8")


def rename_purpose(repo: Path, purpose: str, name: str) -> None:
    path = repo / "purposes.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(rf"(- id: {purpose}\n\s+name: ).*", lambda m: m.group(1) + json.dumps(name), text, count=1)
    path.write_text(text, encoding="utf-8")


def no_command_lines(*streams: str) -> None:
    for stream in streams:
        for line in stream.splitlines():
            assert not line.lstrip().startswith("::"), line


def no_controls(stream: str) -> None:
    bad = [c for c in stream if (ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F]
    assert not bad, bad


def md_tokens(text: str) -> list[str]:
    """Every token type markdown-it finds (inline children included)."""
    md = MarkdownIt("commonmark").enable("table")
    out: list[str] = []
    for tok in md.parse(text):
        out.append(tok.type)
        out += [child.type for child in tok.children or ()]
    return out


# --- the escaping functions, byte for byte -------------------------------------------------


def test_terminal_shows_every_control_character_and_keeps_one_line() -> None:
    assert terminal(FORGED) == "N\\n::error file=x::FORGED\\n::add-mask::high"
    assert terminal("a\x1b]0;t\x07b\x9bc\u202ed") == "a\\e]0;t\\x07b\\x9bc\\u202ed"
    assert terminal("plain ÅÄÖ") == "plain ÅÄÖ"


def test_guard_lines_makes_a_workflow_command_impossible() -> None:
    assert guard_lines("ok\n::error::x\n  ::warning::y\na::b\n") == "ok\n\\::error::x\n  \\::warning::y\na::b\n"


def test_csv_cell_neutralises_formulas() -> None:
    assert csv_cell('=HYPERLINK("https://evil.example","x")') == '\'=HYPERLINK("https://evil.example","x")'
    for start in ("+1", "-1", "@SUM(A1)", "\tx", "\rx", "＝1"):
        assert csv_cell(start).startswith("'")
    assert csv_cell("Handling complaints") == "Handling complaints"
    assert csv_cell("a\x00b") == "ab"


def test_markdown_leaves_nothing_live() -> None:
    assert markdown("[x](https://evil.example)") == "\\[x]\\(https\\://evil.example)"
    assert markdown("a [x](https://evil.example)") == "a [x]\\(https\\://evil.example)"
    assert markdown("![t](u)") == "![t]\\(u)"
    assert markdown("[a][b] [unverified]") == "\\[a]\\[b] [unverified]"
    assert markdown("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert markdown("a\n# b") == "a # b"  # mid-line a # is text
    assert markdown("# h") == "\\# h"
    assert markdown("1. x") == "1\\. x"
    assert markdown("- x") == "\\- x"
    assert markdown("::error::x") == "\\::error::x"
    # GFM links a bare URL by itself: its "://" (or "www.") is escaped, it reads the same
    assert markdown("https://evil.example www.evil.example") == "https\\://evil.example www\\.evil.example"
    assert markdown("set `a_b: true`") == "set `a_b: true`"  # our own code spans stay code
    assert markdown_code("a`b") == "``a`b``"
    assert fenced("x\n```\n<img>") == "````\nx\n```\n<img>\n````"
    tokens = md_tokens(markdown(HOSTILE))
    assert not {"html_inline", "html_block", "link_open", "image", "heading_open", "fence"} & set(tokens)


def test_xml_text_drops_what_xml_forbids() -> None:
    assert xml_text("a\x01b\uffffc\ud800d\te") == "a\ufffdb\ufffdc\ufffdd\te"


# --- output and terminal safety, end to end ------------------------------------------------


def test_github_recipe_log_gets_no_workflow_command_from_a_name(tmp_path: Path) -> None:
    """`check --format sarif -o`: the text summary goes to the job log; the name stays on its line."""
    repo = org(tmp_path)
    rename_system(repo, "knowledge-base", FORGED)
    out = tmp_path / "r.sarif"
    result = run_cli("check", str(repo), "--as-of", AS_OF, "--format", "sarif", "-o", str(out))
    assert result.exit_code == 1
    no_command_lines(result.stdout, result.stderr)
    line = next(x for x in result.stdout.splitlines() if "inflow-not-inventoried" in x)
    head = "systems/knowledge-base.yaml:1: high inflow-not-inventoried "
    assert line.startswith(head + "N\\n::error file=x::FORGED\\n::add-mask::high")
    sarif = json.loads(out.read_text(encoding="utf-8"))
    assert any(FORGED in r["message"]["text"] for r in sarif["runs"][0]["results"])


def test_github_format_escapes_the_name_inside_its_own_command(tmp_path: Path) -> None:
    repo = org(tmp_path)
    rename_system(repo, "knowledge-base", FORGED + " \x1b[2J")
    result = run_cli("check", str(repo), "--as-of", AS_OF, "--format", "github")
    lines = result.stdout.splitlines()
    forged = [x for x in lines if "FORGED" in x]
    assert len(forged) == 1
    assert "N%0A::error file=x::FORGED%0A::add-mask::high \\e[2J" in forged[0]
    assert forged[0].startswith("::error file=systems/knowledge-base.yaml")
    no_controls(result.stdout)


def test_terminal_escape_sequences_do_not_reach_the_terminal(tmp_path: Path) -> None:
    repo = org(tmp_path)
    rename_system(repo, "knowledge-base", "KB \x1b]0;pwned\x07\x1b[2J\x9b31m")
    for args in (("check",), ("check", "--color"), ("erasure-plan", "--subject", "customer"),
                 ("access-plan", "--subject", "customer"), ("transparency",), ("ropa",), ("graph", "--format", "dot")):
        result = run_cli(args[0], str(repo), *args[1:], "--as-of", AS_OF)
        assert result.exit_code in (0, 1), (args, result.output)
        text = result.stdout.replace("\x1b[", "")  if "--color" in args else result.stdout
        no_controls(text)
        assert "\x1b]" not in result.stdout and "\x07" not in result.stdout
    colored = run_cli("check", str(repo), "--as-of", AS_OF, "--color")
    assert "KB \\e]0;pwned\\x07\\e[2J\\x9b31m" in colored.stdout


def test_error_messages_on_stderr_are_one_line_without_controls(tmp_path: Path) -> None:
    repo = org(tmp_path)
    path = repo / "systems" / "crm.yaml"
    path.write_text(path.read_text() + "owner2: " + json.dumps(FORGED + "\x1b]0;x\x07") + "\n")
    result = run_cli("check", str(repo), "--as-of", AS_OF)
    assert result.exit_code == 2
    no_command_lines(result.stderr)
    no_controls(result.stderr)
    assert "owner2" in result.stderr


def test_ropa_csv_cell_is_no_formula(tmp_path: Path) -> None:
    repo = org(tmp_path)
    rename_purpose(repo, "complaints", '=HYPERLINK("https://evil.example","x")')
    result = run_cli("ropa", str(repo), "--format", "csv", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    cells = [c for row in rows for c in row]
    assert '\'=HYPERLINK("https://evil.example","x")' in cells
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    assert '"\'=HYPERLINK(""https://evil.example"",""x"")"' in result.stdout


def test_breach_impact_markdown_fence_and_letter_stay_closed(tmp_path: Path) -> None:
    repo = org(tmp_path)
    name = "CRM\n```\n<img src=x onerror=alert(1)>\n[live](https://evil.example)"
    rename_system(repo, "crm", name)
    result = run_cli("breach-impact", str(repo), "crm", "--format", "markdown", "--affected", "5000",
                     "--as-of", "2026-11-28T09:00")
    assert result.exit_code == 0, result.output
    tokens = md_tokens(result.stdout)
    assert "html_inline" not in tokens and "html_block" not in tokens
    links = [t for t in tokens if t in ("link_open", "image")]
    # the only links are the supervisory authority's autolinks
    md = MarkdownIt("commonmark").enable("table")
    hrefs = [c.attrs.get("href") for t in md.parse(result.stdout) for c in t.children or () if c.type == "link_open"]
    assert len(links) == len(hrefs) and all("evil" not in str(h) for h in hrefs)
    # the customer letter is one fenced block per language whose fence the name cannot end
    fences = [t for t in md.parse(result.stdout) if t.type == "fence"]
    assert len(fences) == 2 and all("<img" in f.content or "CRM" in f.content for f in fences)


@pytest.mark.parametrize("command", ["report", "ropa"])
def test_report_and_ropa_markdown_render_no_link_or_image(tmp_path: Path, command: str) -> None:
    repo = org(tmp_path)
    rename_purpose(repo, "complaints", "[x](https://evil.example) ![t](https://evil.example/t.png) <b>x</b>")
    rename_system(repo, "crm", "[x](https://evil.example) ![t](https://evil.example/t.png)")
    result = run_cli(command, str(repo), "--format", "markdown", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    md = MarkdownIt("commonmark").enable("table")
    for tok in md.parse(result.stdout):
        for child in tok.children or ():
            assert child.type != "image", child
            # only the templates' own line breaks and anchors
            assert child.type != "html_inline" or re.fullmatch(r'<br>|<a id="[\w-]+">|</a>', child.content), child
            if child.type == "link_open":
                assert "evil" not in str(child.attrs.get("href")), child
        assert tok.type != "html_block" or "evil" not in tok.content
    assert "[x]\\(https\\://evil.example)" in result.stdout


def test_graphml_and_junit_stay_well_formed(tmp_path: Path) -> None:
    repo = org(tmp_path)
    rename_system(repo, "crm", "CRM \x01 \uffff \x7f")
    graph = run_cli("graph", str(repo), "--format", "graphml", "--as-of", AS_OF)
    assert graph.exit_code == 0
    root = ET.fromstring(graph.stdout.encode("utf-8"))
    assert any((d.text or "") == "CRM \ufffd \ufffd \ufffd" for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data"))
    rename_system(repo, "knowledge-base", "KB \uffff \x01")
    junit = run_cli("check", str(repo), "--format", "junit", "--as-of", AS_OF)
    assert junit.exit_code == 1
    ET.fromstring(junit.stdout.encode("utf-8"))
    assert "KB \ufffd \ufffd" in junit.stdout


# --- files ---------------------------------------------------------------------------------


def check_errors(repo: Path) -> tuple[int, str]:
    result = run_cli("check", str(repo), "--as-of", AS_OF)
    return result.exit_code, result.stderr


def test_upper_case_extension_and_subfolders_are_refused(tmp_path: Path) -> None:
    repo = org(tmp_path)
    shutil.copy(repo / "systems" / "crm.yaml", repo / "systems" / "new-notes.YAML")
    (repo / "systems" / "eu").mkdir()
    shutil.copy(repo / "systems" / "crm.yaml", repo / "systems" / "eu" / "x.yaml")
    (repo / "processors" / "README.md").write_text("notes\n")
    (repo / "rules" / "mine.yml").write_text("id: mine\n")
    (repo / "policies" / "draft.txt").write_text("draft\n")
    code, err = check_errors(repo)
    assert code == 2
    assert "systems/new-notes.YAML:1:1: use the lowercase extension .yaml" in err
    assert "systems/eu:1:1: a subfolder" in err
    assert "processors/README.md:1:1: not a *.yaml file" in err
    assert "rules/mine.yml:1:1: use the .yaml extension" in err
    assert "policies/draft.txt:1:1: not a *.md file" in err


def test_a_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    repo = org(tmp_path)
    os.mkfifo(repo / "systems" / "fifo.yaml")
    code, err = check_errors(repo)
    assert code == 2
    assert "systems/fifo.yaml:1:1: is a named pipe (FIFO), not a regular file" in err


def test_a_character_device_is_refused(tmp_path: Path) -> None:
    repo = org(tmp_path)
    try:
        os.mknod(repo / "systems" / "zero.yaml", stat.S_IFCHR | 0o644, os.makedev(1, 5))
    except (PermissionError, OSError):
        pytest.skip("cannot create a device node here")
    code, err = check_errors(repo)
    assert code == 2
    assert "systems/zero.yaml:1:1: is a device, not a regular file" in err


def test_the_size_cap_holds_on_bytes_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that grows (or lies about its size) is cut at the cap, never read to the end."""
    from policycheck.errors import Problem
    from policycheck.load import files

    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.yaml"
    path.write_text("# x\n" * 1000)
    problems: list[Problem] = []
    assert files.read_text(tmp_path, path, problems) is None
    assert "larger than" in problems[0].message


def test_a_symlink_loop_is_a_located_error(tmp_path: Path) -> None:
    repo = org(tmp_path)
    (repo / "systems" / "a.yaml").symlink_to("b.yaml")
    (repo / "systems" / "b.yaml").symlink_to("a.yaml")
    code, err = check_errors(repo)
    assert code == 2
    assert "systems/a.yaml:1:1: symlink loop" in err and "internal error" not in err


# --- clear errors instead of "internal error" ----------------------------------------------


@pytest.mark.parametrize(
    ("rel", "text", "expected"),
    [
        ("systems/deep.yaml", "name: " + "[" * 500 + "]" * 500 + "\n",
         "systems/deep.yaml:1:70: lists and mappings are nested"),
        ("systems/alias.yaml", "name: &a [*a]\n",
         "systems/alias.yaml:1:7: a YAML alias refers to the list or mapping"),
        ("systems/big.yaml", "name: x\nkind: notes\nowner: " + "9" * 5000 + "\n",
         "systems/big.yaml:3:8: a number of 5000 digits"),
    ],
)
def test_odd_yaml_is_a_located_error(tmp_path: Path, rel: str, text: str, expected: str) -> None:
    repo = org(tmp_path)
    (repo / rel).write_text(text)
    code, err = check_errors(repo)
    assert code == 2
    assert expected in err and "internal error" not in err


def test_a_control_character_is_reported_on_its_line(tmp_path: Path) -> None:
    repo = org(tmp_path)
    path = repo / "systems" / "crm.yaml"
    lines = path.read_text().split("\n")
    while len(lines) < 22:
        lines.append("# padding")
    lines[20] = "# a bell \x07 here"
    path.write_text("\n".join(lines))
    code, err = check_errors(repo)
    assert code == 2
    assert "systems/crm.yaml:21:10: control character U+0007 is not allowed" in err


def test_a_million_item_list_is_no_alias_bomb() -> None:
    from policycheck.load.yamlread import read_yaml

    # ten times the alias budget of a one-line document (the case was 1,000,000; the same code path)
    doc, problems = read_yaml("[" + "1," * 200_000 + "1]\n", "x.yaml")
    assert problems == [] and len(doc.data) == 200_001
    bomb = "a: &a [1,1,1,1,1,1,1,1,1,1]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(8)
    )
    _, problems = read_yaml(bomb, "bomb.yaml")
    assert "billion laughs" in problems[0].message


def test_long_durations_and_erasure_days_are_located_errors(tmp_path: Path) -> None:
    repo = org(tmp_path)
    purposes = repo / "purposes.yaml"
    purposes.write_text(purposes.read_text().replace("retention: P2Y", "retention: P8000Y", 1))
    phone = repo / "systems" / "phone.yaml"
    phone.write_text(phone.read_text().replace("within_days: 30", "within_days: 100000000000000000000000"))
    result = run_cli("erasure-plan", str(repo), "--subject", "customer", "--as-of", AS_OF)
    assert result.exit_code == 2
    assert "purposes.yaml:7:16: retention: 'P8000Y' is longer than 1000 years" in result.stderr
    assert "systems/phone.yaml:20:16: erasure.within_days" in result.stderr
    assert "internal error" not in result.stderr
    phone.write_text(phone.read_text().replace("within_days: 100000000000000000000000", "within_days: 1e23"))
    result = run_cli("erasure-plan", str(repo), "--subject", "customer", "--as-of", AS_OF)
    assert result.exit_code == 2 and "systems/phone.yaml:20:16" in result.stderr


def test_as_of_out_of_range_is_a_usage_error(tmp_path: Path) -> None:
    repo = org(tmp_path)
    result = run_cli("check", str(repo), "--as-of", "0001-01-01")
    assert result.exit_code == 2
    assert "'0001-01-01' is out of range" in result.stderr
    assert run_cli("check", str(repo), "--as-of", "9000-12-31").exit_code == 1


def test_a_deeply_nested_baseline_is_a_usage_error(tmp_path: Path) -> None:
    repo = org(tmp_path)
    baseline = tmp_path / "deep.json"
    baseline.write_text("[" * 100_000 + "]" * 100_000)
    result = run_cli("check", str(repo), "--as-of", AS_OF, "--baseline", str(baseline))
    assert result.exit_code == 2
    assert f"{baseline}:1: not a baseline file: nested too deeply" in result.stderr


# --- outputs -------------------------------------------------------------------------------


def test_dash_output_is_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = org(tmp_path)
    monkeypatch.chdir(tmp_path)
    for args in (("ropa", "-o", "-"), ("check", "--format", "json", "-o", "-"), ("graph", "-o", "-"),
                 ("report", "--format", "markdown", "-o", "-"), ("baseline", "-o", "-")):
        result = run_cli(args[0], str(repo), *args[1:], "--as-of", AS_OF)
        assert result.exit_code in (0, 1), result.output
        assert result.stdout.strip()
        assert not (tmp_path / "-").exists() and not (repo / "-").exists()
    assert json.loads(run_cli("check", str(repo), "--format", "json", "-o", "-", "--as-of", AS_OF).stdout)


def test_output_onto_a_declaration_file_is_refused(tmp_path: Path) -> None:
    repo = org(tmp_path)
    for target in ("systems/crm.yaml", "policycheck.yaml", "policies/incident-response.md", "purposes.yaml"):
        before = (repo / target).read_bytes()
        result = run_cli("ropa", str(repo), "-o", str(repo / target), "--as-of", AS_OF)
        assert result.exit_code == 2
        assert "is a declaration file of the compliance repo" in result.stderr
        assert (repo / target).read_bytes() == before
    assert run_cli("ropa", str(repo), "-o", str(repo / "ropa.md"), "--as-of", AS_OF).exit_code == 0


def test_output_to_a_full_device_is_a_one_line_error(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    repo = org(tmp_path)
    result = run_cli("check", str(repo), "--format", "json", "-o", "/dev/full", "--as-of", AS_OF)
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: /dev/full: cannot write: No space left on device"


# --- waive: safe writes --------------------------------------------------------------------


def waivers_of(repo: Path) -> list[str]:
    data = json.loads(run_cli("check", str(repo), "--as-of", AS_OF, "--format", "json").stdout)
    assert "errors" not in data or not data["errors"], data
    return sorted(w["subject"] for w in data.get("waived", []))


def policycheck(*args: str, limit: int | None = None) -> subprocess.CompletedProcess[bytes]:
    def preexec() -> None:
        if limit is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([sys.executable, "-m", "policycheck", *args], capture_output=True,
                          preexec_fn=preexec if limit is not None else None, timeout=120, check=False)


def waive_args(repo: Path, subject: str, reason: str = "accepted") -> list[str]:
    return ["waive", "no-audit-log", subject, str(repo), "--reason", reason, "--expires", "2099-01-01", "--force"]


def test_waive_under_a_file_size_limit_keeps_the_file(tmp_path: Path) -> None:
    repo = org(tmp_path)
    config = repo / "policycheck.yaml"
    before = config.read_bytes()
    assert len(before) > 1024
    done = policycheck(*waive_args(repo, "system:paper-archive"), limit=1024)
    assert done.returncode == 2
    assert b"the file size limit was reached" in done.stderr and b"Traceback" not in done.stderr
    assert config.read_bytes() == before
    assert not [p for p in repo.iterdir() if p.name.endswith(".tmp")]


def test_concurrent_waives_keep_every_waiver(tmp_path: Path) -> None:
    repo = org(tmp_path)
    procs = [
        subprocess.Popen([sys.executable, "-m", "policycheck", *waive_args(repo, f"system:s{i}")],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for i in range(10)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    text = (repo / "policycheck.yaml").read_text()
    for i in range(10):
        assert f"subject: system:s{i}\n" in text
    assert text.count("- rule:") == 11
    assert run_cli("check", str(repo), "--as-of", AS_OF).exit_code in (0, 1)


def test_waive_refuses_invalid_bytes_and_control_characters(tmp_path: Path) -> None:
    repo = org(tmp_path)
    config = repo / "policycheck.yaml"
    before = config.read_bytes()
    args = [a.encode() for a in waive_args(repo, "system:crm")]
    args[args.index(b"accepted")] = b"x\xff"
    done = subprocess.run([sys.executable, "-m", "policycheck", *args], capture_output=True, timeout=120,
                          check=False)
    assert done.returncode == 2
    assert b"--reason holds bytes that are not UTF-8" in done.stderr
    bell = run_cli(*waive_args(repo, "system:crm", "x\x07y"))
    assert bell.exit_code == 2 and "--reason holds a control character (\\x07)" in bell.stderr
    assert config.read_bytes() == before


def test_waive_keeps_crlf_document_start_and_indentation(tmp_path: Path) -> None:
    """A file written with CRLF, a leading `---` and lists flush with their key keeps all three."""
    repo = org(tmp_path)
    config = repo / "policycheck.yaml"
    text = config.read_text()
    text = re.sub(r"^  - ", "- ", text, flags=re.M)
    text = re.sub(r"^    (?=\S)", "  ", text, flags=re.M)
    text = ("---\n" + text).replace("\n", "\r\n")
    config.write_bytes(text.encode())
    assert run_cli("check", str(repo), "--as-of", AS_OF).exit_code == 1
    result = run_cli(*waive_args(repo, "system:paper-archive", "Locked room"))
    assert result.exit_code == 0, result.output
    after = config.read_bytes()
    assert after == text.encode() + (
        b"- rule: no-audit-log\r\n  subject: system:paper-archive\r\n  reason: Locked room\r\n"
        b"  expires: 2099-01-01\r\n"
    )
    assert waivers_of(repo) == ["processor:legacy-sms"]  # paper-archive has no such finding; the file loads


def test_waive_refuses_a_symlink_out_of_the_repo(tmp_path: Path) -> None:
    repo = org(tmp_path)
    outside = tmp_path / "elsewhere.yaml"
    shutil.move(repo / "policycheck.yaml", outside)
    (repo / "policycheck.yaml").symlink_to(outside)
    before = outside.read_bytes()
    result = run_cli(*waive_args(repo, "system:crm"))
    assert result.exit_code == 2
    assert outside.read_bytes() == before


def test_waive_writes_through_a_symlink_inside_the_repo(tmp_path: Path) -> None:
    repo = org(tmp_path)
    (repo / "config").mkdir()
    shutil.move(repo / "policycheck.yaml", repo / "config" / "policycheck.yaml")
    (repo / "policycheck.yaml").symlink_to("config/policycheck.yaml")
    result = run_cli(*waive_args(repo, "system:crm"))
    assert result.exit_code == 0, result.output
    assert (repo / "policycheck.yaml").is_symlink()
    assert "system:crm" in (repo / "config" / "policycheck.yaml").read_text()


def test_waive_on_an_immutable_file_is_a_one_line_error(tmp_path: Path) -> None:
    repo = org(tmp_path)
    config = repo / "policycheck.yaml"
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(config)], capture_output=True, check=False).returncode:
        pytest.skip("cannot make a file immutable here")
    try:
        result = run_cli(*waive_args(repo, "system:crm"))
        assert result.exit_code == 2
        assert "cannot write" in result.stderr and "internal error" not in result.stderr
    finally:
        subprocess.run([chattr, "-i", str(config)], check=False)


def test_waive_verifies_what_it_writes(tmp_path: Path) -> None:
    """A waiver the loader would refuse (here: an approver that is not text) is never written."""
    from policycheck.errors import UsageError
    from policycheck.load.write import edit_yaml

    repo = org(tmp_path)
    config = repo / "policycheck.yaml"
    before = config.read_bytes()

    def change(data: dict[str, object]) -> None:
        data["organization"] = "not a mapping"

    def verify(old: str, new: str) -> None:
        raise UsageError("refused")

    with pytest.raises(UsageError):
        edit_yaml(config, change, root=repo, verify=verify)
    assert config.read_bytes() == before


def test_waive_when_the_rename_is_refused_is_a_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What an immutable policycheck.yaml does (EPERM on the rename), wherever chattr is unavailable."""
    import errno

    repo = org(tmp_path)
    config = repo / "policycheck.yaml"
    before = config.read_bytes()

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "replace", refuse)
    result = run_cli(*waive_args(repo, "system:crm"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {config}: cannot write: permission denied")
    assert len(result.stderr.strip().splitlines()) == 1
    assert config.read_bytes() == before
    assert not [p for p in repo.iterdir() if p.name.endswith(".tmp")]


def test_a_fifo_as_baseline_or_marker_is_refused_without_hanging(tmp_path: Path) -> None:
    repo = org(tmp_path)
    fifo = tmp_path / "baseline.json"
    os.mkfifo(fifo)
    result = run_cli("check", str(repo), "--as-of", AS_OF, "--baseline", str(fifo))
    assert result.exit_code == 2
    assert f"{fifo}: not a regular file" in result.stderr
    (repo / "policycheck.yaml").unlink()
    os.mkfifo(repo / "policycheck.yaml")
    result = run_cli("check", str(repo), "--as-of", AS_OF)
    assert result.exit_code == 2
    assert "policycheck.yaml: not a regular file" in result.stderr


def test_waive_refuses_a_file_the_safe_reader_refuses(tmp_path: Path) -> None:
    """ruamel never sees what read_yaml refuses (deep nesting, alias bombs): a one-line error instead."""
    repo = org(tmp_path)
    config = repo / "policycheck.yaml"
    config.write_text(config.read_text() + "deep: " + "[" * 200 + "]" * 200 + "\n")
    before = config.read_bytes()
    result = run_cli(*waive_args(repo, "system:crm"))
    assert result.exit_code == 2
    assert "policycheck.yaml:48:70: lists and mappings are nested more than 64 levels deep" in result.stderr
    assert config.read_bytes() == before


def test_output_through_a_symlink_onto_a_declaration_is_refused(tmp_path: Path) -> None:
    repo = org(tmp_path)
    link = tmp_path / "report.md"
    link.symlink_to(repo / "systems" / "crm.yaml")
    before = (repo / "systems" / "crm.yaml").read_bytes()
    result = run_cli("check", str(repo), "--format", "markdown", "-o", str(link), "--as-of", AS_OF)
    assert result.exit_code == 2
    assert "is a declaration file of the compliance repo (systems/crm.yaml)" in result.stderr
    assert (repo / "systems" / "crm.yaml").read_bytes() == before
