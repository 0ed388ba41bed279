"""Property: names drawn from all of Unicode, control characters included, through every output format.

Each output is checked with its real parser (json, csv, an XML parser, a CommonMark parser
that reports raw HTML, links and images), and no line of any stream (standard output or
error) starts with ``::`` from data, except the ``github`` format's own commands, one per
finding. The example count is modest: every example runs each command once.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tests.conftest import ORG_EXAMPLE, run_cli

AS_OF = "2026-11-28"

#: characters the YAML reader refuses raw, or reads as line breaks: written as escapes
_YAML_ESCAPE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that reads back as exactly ``text``."""
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _YAML_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", body) + '"'


#: (command arguments, format) of every output; the repo directory goes after the command
OUTPUTS: list[tuple[tuple[str, ...], str]] = [
    (("check",), "text"),
    (("check", "--color"), "text"),
    (("check", "--format", "json"), "json"),
    (("check", "--format", "sarif"), "json"),
    (("check", "--format", "junit"), "xml"),
    (("check", "--format", "github"), "github"),
    (("check", "--format", "markdown"), "markdown"),
    (("ropa", "--format", "csv"), "csv"),
    (("ropa", "--format", "markdown"), "markdown"),
    (("ropa", "--format", "json"), "json"),
    (("report", "--format", "markdown"), "markdown"),
    (("graph", "--format", "graphml"), "xml"),
    (("graph", "--format", "json"), "json"),
    (("graph", "--format", "dot"), "text"),
    (("graph", "--format", "mermaid"), "text"),
    (("erasure-plan", "--subject", "customer"), "text"),
    (("erasure-plan", "--subject", "customer", "--format", "markdown"), "markdown"),
    (("access-plan", "--subject", "customer", "--format", "markdown"), "markdown"),
    (("transparency", "--format", "markdown"), "markdown"),
    (("transparency",), "html"),
]
BREACH: list[tuple[tuple[str, ...], str]] = [
    (("--format", "text"), "text"),
    (("--format", "markdown"), "markdown"),
    (("--format", "json"), "json"),
]


def _md_parts(text: str) -> tuple[set[str], set[str]]:
    """Raw HTML and link/image targets markdown-it finds in ``text``."""
    md = MarkdownIt("commonmark").enable("table")
    html: set[str] = set()
    targets: set[str] = set()
    for tok in md.parse(text):
        if tok.type == "html_block":
            html.add(tok.content.strip())
        for child in tok.children or ():
            if child.type == "html_inline":
                html.add(child.content)
            elif child.type in ("link_open", "image"):
                targets.add(str(child.attrs.get("href") or child.attrs.get("src")))
    return html, targets


@cache
def benign_markdown() -> tuple[set[str], set[str]]:
    """The HTML and links our own templates write (the org as it is): all a name may lead to."""
    html: set[str] = set()
    targets: set[str] = set()
    for args, fmt in [*OUTPUTS, *((("breach-impact", "crm", *a), f) for a, f in BREACH)]:
        if fmt != "markdown":
            continue
        result = run_cli(args[0], str(ORG_EXAMPLE), *args[1:], "--as-of", AS_OF)
        h, t = _md_parts(result.stdout)
        html |= h
        targets |= t
    return html, targets


def check_stream(stream: str, fmt: str) -> None:
    lines = stream.splitlines()
    if fmt != "github":
        assert not [line for line in lines if line.lstrip().startswith("::")]
    if fmt in ("text", "markdown", "csv"):
        bad = [c for c in stream if (ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F]
        if fmt == "text" and "\x1b[" in stream:  # --color: only our own SGR sequences
            bad = [c for c in re.sub(r"\x1b\[[0-9;]*m", "", stream) if ord(c) < 0x20 and c not in "\n\t"]
        assert not bad, bad
    if fmt == "json":
        json.loads(stream)
    elif fmt == "xml":
        ET.fromstring(stream.encode("utf-8"))
    elif fmt == "csv":
        for row in csv.reader(io.StringIO(stream)):
            assert not [c for c in row if c.startswith(("=", "+", "-", "@", "\t", "\r"))], row
    elif fmt == "markdown":
        html, targets = _md_parts(stream)
        allowed_html, allowed_targets = benign_markdown()
        assert html <= allowed_html, html - allowed_html
        assert targets <= allowed_targets, targets - allowed_targets
    elif fmt == "github":
        commands = [line for line in lines if line.startswith("::")]
        assert all(re.match(r"::(error|warning|notice) file=[^,:]*(,line=\d+)?(,col=\d+)?,title=[^:]*::", c)
                   for c in commands), commands
        assert all(line.startswith(("::", "policycheck: ")) for line in lines), lines
    elif fmt == "html":
        assert "<script" not in stream.lower().replace("&lt;script", "")


names = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40).filter(lambda s: s.strip())


@settings(max_examples=4, deadline=None)
@given(st.lists(names, min_size=3, max_size=3))
@example([
    "N\n::error file=x::FORGED\n::add-mask::high \x1b]0;t\x07",
    '=HYPERLINK("https://evil.example","x") [x](https://evil.example) ![t](https://e.example/t.png)',
    "<img src=x onerror=alert(1)>\n```\n\x01\uffff\u202e | * _ # 1. - > \\",
])
def test_every_output_stays_well_formed_with_any_name(picked: list[str]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "o"
        shutil.copytree(ORG_EXAMPLE, repo)
        for system, name in (("knowledge-base", picked[0]), ("crm", picked[1])):
            path = repo / "systems" / f"{system}.yaml"
            text = path.read_text(encoding="utf-8")
            line = "name: " + yaml_string(name)
            path.write_text(re.sub(r"^name: .*$", lambda m, line=line: line, text, count=1, flags=re.M),
                            encoding="utf-8")
        purposes = repo / "purposes.yaml"
        purposes.write_text(re.sub(r"(- id: complaints\n\s+name: ).*", lambda m: m.group(1) + yaml_string(picked[2]),
                                   purposes.read_text(encoding="utf-8"), count=1), encoding="utf-8")
        runs = [((a[0], str(repo), *a[1:]), f) for a, f in OUTPUTS]
        runs += [(("breach-impact", str(repo), "crm", *a), f) for a, f in BREACH]
        for args, fmt in runs:
            result = run_cli(*args, "--as-of", AS_OF if args[0] != "breach-impact" else AS_OF + "T09:00")
            check_stream(result.stderr, "text")
            if result.exit_code == 2:  # a name the model refuses: the error is checked, there is no document
                assert result.stderr.strip(), args
                continue
            assert result.exit_code in (0, 1), (args, result.output)
            check_stream(result.stdout, fmt)
            if fmt == "github":
                findings = json.loads(run_cli("check", str(repo), "--format", "json", "--as-of", AS_OF).stdout)
                assert len([x for x in result.stdout.splitlines() if x.startswith("::")]) == len(findings["findings"])
