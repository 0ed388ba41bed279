"""A referenced document's status on disk (FileSystemReader.document_status): resolving each folder
once gives what resolving the whole path with pathlib gives, symlinks, ``..`` and odd paths included."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from policycheck.load.files import FileSystemReader


def _by_pathlib(root: Path, rel: str) -> str:
    """The status as the loader computed it before folders were resolved once (the reference)."""
    try:
        resolved_root = root.resolve()
        target = (root / rel).resolve()
    except (OSError, RuntimeError, ValueError):
        return "missing"
    if not target.is_relative_to(resolved_root):
        return "outside"
    try:
        mode = os.stat(target).st_mode
    except (OSError, ValueError):
        return "missing"
    return "file" if stat.S_ISREG(mode) else "not-a-file"


def test_document_status_equals_resolving_the_whole_path(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "o.md").write_text("o")
    root = tmp_path / "repo"
    (root / "docs" / "sub").mkdir(parents=True)
    (root / "docs" / "a.md").write_text("a")
    (root / "docs" / "sub" / "b.md").write_text("b")
    (root / "plain.md").write_text("p")
    os.symlink(root / "docs" / "a.md", root / "docs" / "link-in.md")
    os.symlink(outside / "o.md", root / "docs" / "link-out.md")
    os.symlink("nowhere.md", root / "docs" / "dangling.md")
    os.symlink("loop-b.md", root / "docs" / "loop-a.md")
    os.symlink("loop-a.md", root / "docs" / "loop-b.md")
    os.symlink(outside, root / "out-dir")
    os.symlink(root / "docs", root / "in-dir")
    os.symlink("sub", root / "docs" / "sub-link")
    rels = [
        "docs/a.md", "docs/sub/b.md", "plain.md", "docs", "docs/sub", "docs/missing.md", "missing/x.md",
        "docs/link-in.md", "docs/link-out.md", "docs/dangling.md", "docs/loop-a.md", "out-dir/o.md",
        "in-dir/a.md", "in-dir/link-out.md", "docs/sub-link/b.md", "docs/sub-link", "docs/../plain.md",
        "docs/sub/../a.md", "./docs/a.md", "docs//a.md", "docs/", "docs/.", "docs/..", "../outside/o.md",
        "/etc/passwd", "/x.md", "plain.md/x.md", "docs/a.md/..", "in-dir/../plain.md", "out-dir/../repo/plain.md",
        "docs/nul\0.md", "x" * 300 + "/a.md", "docs/" + "y" * 300,
    ]
    reader = FileSystemReader(root)
    got = {rel: reader.document_status(rel) for rel in rels}
    assert got == {rel: _by_pathlib(root, rel) for rel in rels}
    assert {got["docs/a.md"], got["docs/link-out.md"], got["docs"], got["docs/missing.md"]} == {
        "file", "outside", "not-a-file", "missing",
    }
    # asked again (the folders are resolved once per reader): the same answers
    assert {rel: reader.document_status(rel) for rel in rels} == got
