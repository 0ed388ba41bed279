"""Read YAML into plain data plus the line and column of every value.

The read path uses libyaml's composer (through PyYAML's C extension where it is
available) with *no* implicit resolvers: every scalar arrives as text and is
typed here, by a small YAML 1.2-style core schema. That gives us

- speed: a 5,000-system organization composes in well under a second;
- positions: every value's 1-based line and column, keyed by its path;
- safety: no object is ever constructed from a tag, unknown tags are errors,
  duplicate keys are errors, and alias expansion has a budget (no YAML bombs);
- no "Norway problem": ``NO``, ``yes`` and ``off`` stay strings; only
  ``true``/``false`` are booleans, and ``2026-05-14`` is a date.

Round-trip editing of user files (which must keep comments) uses ruamel.yaml
elsewhere; this module only reads.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from sys import intern as _intern  # one str per distinct text: ids and kinds repeat in every file
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from policycheck.errors import Problem

try:  # libyaml's parser and composer, in C
    from yaml._yaml import CParser as _CParser

    CParser: Any = _CParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    CParser = None


class _PureLoader(Reader, Scanner, Parser, Composer, BaseResolver):
    """Pure-Python fallback with the same behaviour, for PyYAML without libyaml."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        BaseResolver.__init__(self)


if CParser is not None:
    _DEFAULT_TAGS = {
        yaml.ScalarNode: "tag:yaml.org,2002:str",
        yaml.SequenceNode: "tag:yaml.org,2002:seq",
        yaml.MappingNode: "tag:yaml.org,2002:map",
    }

    class _CLoader(CParser):  # type: ignore[misc]
        """libyaml parser + composer, with no implicit type resolution at all.

        The composer calls these three hooks for every node; doing nothing in them
        (rather than in BaseResolver's general code) halves the read time.
        """

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)

        def resolve(self, kind: type, value: Any, implicit: Any) -> str:
            return _DEFAULT_TAGS[kind]

        def descend_resolver(self, parent: Any, index: Any) -> None:
            return None

        def ascend_resolver(self) -> None:
            return None

    _Loader: type = _CLoader
else:  # pragma: no cover
    _Loader = _PureLoader

Path_ = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_ALLOWED_EXPLICIT = {
    _STR,
    _SEQ,
    _MAP,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")

_ScalarNode = yaml.ScalarNode
_SequenceNode = yaml.SequenceNode
#: one tuple per distinct path, shared by every document: 20,000 system files have the same few hundred
#: paths (("stores", 0, "categories", 1), ...), and their position tables are most of a large repo's memory
_PATHS: dict[Path_, Path_] = {}
#: and one tuple per distinct (line, column)
_POSITIONS: dict[tuple[int, int], tuple[int, int]] = {}
#: the same tuples by ``line << 32 | column`` (an int key: no tuple is made to look one up)
_POS_BY_INT: dict[int, tuple[int, int]] = {}
#: the paths as a tree, for the reader of alias-free documents: a child's (path, children) entry is
#: found by its key or index, without making and hashing the path's tuple first
_TREE: dict[str | int, tuple[Path_, dict[Any, Any]]] = {}
#: the first characters of plain scalars that may be something other than text (null, bool, number, date)
_MAYBE_TYPED = frozenset("~nNtTfF-+.0123456789")

#: nodes that aliases may add to one document, per line of text (plus a floor); a
#: "billion laughs" document blows through this in microseconds. Nodes written out in
#: the text cost nothing (the file size cap bounds them): only repeats through aliases count.
NODE_BUDGET_PER_LINE = 50
NODE_BUDGET_FLOOR = 20_000
#: how deeply lists and mappings may nest; declarations need a handful of levels
MAX_DEPTH = 64
#: digits a number may have (Python refuses to convert more than 4,300)
MAX_DIGITS = 100


@dataclass
class Document:
    """Plain data read from one YAML document, with positions by path."""

    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    #: position of each mapping *key* (for "unknown field" messages)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_) -> tuple[int, int]:
        """The position of ``path``, or of its nearest located ancestor."""
        p = tuple(path)
        while p:
            if p in self.positions:
                return self.positions[p]
            p = p[:-1]
        return self.positions.get((), (1, 1))

    def where_key(self, path: Path_) -> tuple[int, int]:
        return self.key_positions.get(tuple(path)) or self.where(path)


class _Budget(Exception):
    pass


class _TooDeep(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


class _Cycle(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


def _child(path: Path_, children: dict[Any, Any], key: str | int) -> tuple[Path_, dict[Any, Any]]:
    """The shared entry of ``path + (key,)`` in :data:`_TREE`, made on first use."""
    child = (*path, key)
    entry: tuple[Path_, dict[Any, Any]] = (_PATHS.setdefault(child, child), {})
    children[key] = entry
    return entry


def _position(line: int, column: int) -> tuple[int, int]:
    """The shared ``(line, column)`` tuple."""
    pos = (line, column)
    pos = _POS_BY_INT[line << 32 | column] = _POSITIONS.setdefault(pos, pos)
    return pos


class _Builder:
    def __init__(
        self, file: str, budget: int, line_offset: int, aliases: bool = True, tuples: bool = False
    ) -> None:
        self.file = file
        #: sequences as tuples (what the strict models hold) instead of lists
        self.tuples = tuples
        self.budget = budget
        self.offset = line_offset
        self.problems: list[Problem] = []
        self.doc = Document(None)
        #: whether the text can hold an alias at all (one needs a '*'); without, no node repeats
        self.aliases = aliases
        self.seen: set[int] = set()
        self.open: set[int] = set()
        self.positions = self.doc.positions
        self.key_positions = self.doc.key_positions
        #: a 0-based mark line plus this is the reported 1-based line
        self.line_base = 1 + line_offset

    def pos(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1 + self.offset, node.start_mark.column + 1

    def problem(self, node: yaml.Node, message: str) -> None:
        line, col = self.pos(node)
        self.problems.append(Problem(self.file, line, col, message))

    def build(self, node: Any, path: Path_) -> Any:
        # the hot loop of every load: one call per value, so no helper calls on the common paths
        if self.aliases:
            if id(node) in self.seen:  # reached again through an alias: that costs budget
                self.budget -= 1
                if self.budget < 0:
                    raise _Budget
            else:
                self.seen.add(id(node))
        mark = node.start_mark
        pos = (mark.line + self.line_base, mark.column + 1)
        self.positions[path] = _POSITIONS.setdefault(pos, pos)
        if type(node) is _ScalarNode:
            if node.tag == _STR:
                text: str = node.value
                if node.style or (text and text[0] not in _MAYBE_TYPED):
                    return _intern(text)  # quoted, block, or plain text that no other type starts like
            return self.scalar(node)
        if len(path) >= MAX_DEPTH:
            raise _TooDeep(node)
        if not self.aliases:
            return self.collection(node, path)
        if id(node) in self.open:  # `&a [*a]`: an alias inside the node it names
            raise _Cycle(node)
        self.open.add(id(node))
        try:
            return self.collection(node, path)
        finally:
            self.open.discard(id(node))

    def collection(self, node: Any, path: Path_) -> Any:
        if node.tag not in (_SEQ, _MAP):
            self.problem(node, f"YAML tag '{node.tag}' is not allowed; remove the tag")
        build = self.build
        shared = _PATHS.setdefault
        if type(node) is _SequenceNode:
            items = []
            for i, item in enumerate(node.value):
                item_path = (*path, i)
                items.append(build(item, shared(item_path, item_path)))
            return tuple(items) if self.tuples else items
        result: dict[str, Any] = {}
        key_positions = self.key_positions
        for key_node, value_node in node.value:
            if type(key_node) is not _ScalarNode:
                self.problem(key_node, "a mapping key must be a plain name, not a list or mapping")
                continue
            key = key_node.value
            if key == "<<":
                self.problem(key_node, "YAML merge keys ('<<') are not supported; write the fields out")
                continue
            key_path = (*path, key)
            key_path = shared(key_path, key_path)
            if key in result:
                line, _ = key_positions[key_path]
                self.problem(key_node, f"duplicate key '{key}' (first given on line {line})")
                continue
            key_mark = key_node.start_mark
            key_positions[key_path] = (key_mark.line + self.line_base, key_mark.column + 1)
            result[key] = build(value_node, key_path)
        return result

    def tree(self, node: Any, path: Path_, children: dict[Any, Any]) -> Any:
        """:meth:`collection` of a document without aliases (no node is reached twice), in one loop
        per list or mapping: the values and positions :meth:`build` gives, with no call per scalar, paths
        found in :data:`_TREE` and positions by an int key. ``children`` is ``path``'s entry there."""
        if node.tag != _SEQ and node.tag != _MAP:
            self.problem(node, f"YAML tag '{node.tag}' is not allowed; remove the tag")
        if len(path) >= MAX_DEPTH:
            raise _TooDeep(node)
        positions = self.positions
        base = self.line_base
        known = _POS_BY_INT.get
        intern = _intern
        if type(node) is _SequenceNode:
            items: list[Any] = []
            append = items.append
            for i, item in enumerate(node.value):
                entry = children.get(i) or _child(path, children, i)
                mark = item.start_mark
                line = mark.line + base
                column = mark.column + 1
                positions[entry[0]] = known(line << 32 | column) or _position(line, column)
                if type(item) is _ScalarNode:
                    text = item.value
                    if item.tag == _STR and (item.style or (text and text[0] not in _MAYBE_TYPED)):
                        append(intern(text))
                    else:
                        append(self.scalar(item))
                else:
                    append(self.tree(item, entry[0], entry[1]))
            return tuple(items) if self.tuples else items
        result: dict[str, Any] = {}
        key_positions = self.key_positions
        for key_node, value_node in node.value:
            if type(key_node) is not _ScalarNode:
                self.problem(key_node, "a mapping key must be a plain name, not a list or mapping")
                continue
            key = key_node.value
            if key == "<<":
                self.problem(key_node, "YAML merge keys ('<<') are not supported; write the fields out")
                continue
            entry = children.get(key) or _child(path, children, key)
            key_path = entry[0]
            if key in result:
                line, _ = key_positions[key_path]
                self.problem(key_node, f"duplicate key '{key}' (first given on line {line})")
                continue
            key_mark = key_node.start_mark
            key_positions[key_path] = (key_mark.line + base, key_mark.column + 1)
            mark = value_node.start_mark
            line = mark.line + base
            column = mark.column + 1
            positions[key_path] = known(line << 32 | column) or _position(line, column)
            if type(value_node) is _ScalarNode:
                text = value_node.value
                if value_node.tag == _STR and (value_node.style or (text and text[0] not in _MAYBE_TYPED)):
                    result[key] = intern(text)
                else:
                    result[key] = self.scalar(value_node)
            else:
                result[key] = self.tree(value_node, key_path, entry[1])
        return result

    def scalar(self, node: yaml.ScalarNode) -> Any:
        text: str = node.value
        tag = node.tag
        if tag != _STR and tag not in _ALLOWED_EXPLICIT:
            self.problem(node, f"YAML tag '{tag}' is not allowed; remove the tag")
            return text
        if node.style and tag == _STR:  # quoted or block scalar: a string
            return text
        digits = len(text.lstrip("+-"))
        if digits > MAX_DIGITS and _INT.fullmatch(text):
            self.problem(node, f"a number of {digits} digits is too long; declarations use small numbers")
            return None
        if tag == _STR:  # plain scalar: resolve by the core schema
            return resolve_plain(text)
        # an explicit standard tag such as !!int
        value = resolve_plain(text)
        expected = {
            "tag:yaml.org,2002:int": int,
            "tag:yaml.org,2002:float": float,
            "tag:yaml.org,2002:bool": bool,
            "tag:yaml.org,2002:null": type(None),
        }[tag]
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if type(value) is not expected:
            self.problem(node, f"'{text}' is not a valid {tag.rsplit(':', 1)[-1]}")
        return value


def resolve_plain(text: str) -> Any:
    """Type a plain (unquoted) scalar the way YAML 1.2's core schema does, plus dates."""
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _INT.fullmatch(text):
        return int(text) if len(text) <= MAX_DIGITS + 1 else text
    if _FLOAT.fullmatch(text) and any(c.isdigit() for c in text):
        return float(text)
    m = _DATE.fullmatch(text)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return text  # left as text; the model reports "not a valid date"
    return text


_TOO_DEEP = (
    f"lists and mappings are nested more than {MAX_DEPTH} levels deep; declarations need only a few levels"
)


def read_yaml(
    text: str, file: str, line_offset: int = 0, tuples: bool = False
) -> tuple[Document, list[Problem]]:
    """Compose one YAML document from ``text`` into plain data with positions.

    Returns the document and the problems found; never raises for bad input.
    ``line_offset`` shifts reported lines (front matter inside Markdown); ``tuples``
    gives sequences as tuples (as the strict models hold them) instead of lists.
    """
    lines = text.count("\n") + 1
    budget = max(NODE_BUDGET_FLOOR, NODE_BUDGET_PER_LINE * lines)
    builder = _Builder(file, budget, line_offset, aliases="*" in text, tuples=tuples)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + line_offset) if mark else 0
        col = (mark.column + 1) if mark else 0
        what = exc.problem or exc.context or "invalid YAML"
        src_lines = text.split("\n")
        if mark is not None and mark.line < len(src_lines) and "\t" in src_lines[mark.line][: mark.column + 1]:
            what += " (a tab? YAML indentation must use spaces, not tabs)"
        return Document(None), [Problem(file, line, col, f"YAML syntax error: {what}")]
    except yaml.reader.ReaderError as exc:  # a control character: locate it by its position
        before = text[: exc.position]
        line = before.count("\n") + 1 + line_offset
        col = exc.position - (before.rfind("\n") + 1) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        return Document(None), [
            Problem(
                file,
                line,
                col,
                f"control character U+{ord(char):04X} is not allowed in YAML; delete it (or write it as an "
                "escape in a double-quoted string)",
            )
        ]
    except yaml.YAMLError as exc:
        return Document(None), [Problem(file, 1 + line_offset, 0, f"YAML error: {exc}")]
    except RecursionError:
        return Document(None), [Problem(file, 1 + line_offset, 0, _TOO_DEEP)]
    finally:
        loader.dispose()
    if node is None:
        return Document(None), []
    try:
        if builder.aliases or type(node) is _ScalarNode:
            data = builder.build(node, ())
        else:  # the common case: a mapping or list with no alias in it
            mark = node.start_mark
            builder.positions[()] = _position(mark.line + builder.line_base, mark.column + 1)
            data = builder.tree(node, (), _TREE)
    except _TooDeep as exc:
        line, col = builder.pos(exc.node)
        return Document(None), [Problem(file, line, col, _TOO_DEEP)]
    except _Cycle as exc:
        line, col = builder.pos(exc.node)
        return Document(None), [
            Problem(file, line, col, "a YAML alias refers to the list or mapping that contains it (an endless "
                    "value); write the values out")
        ]
    except _Budget:
        return Document(None), [
            Problem(
                file,
                1 + line_offset,
                0,
                "YAML aliases expand to too many values (a 'billion laughs' document?); "
                "write the values out instead of using anchors and aliases",
            )
        ]
    builder.doc.data = data
    return builder.doc, builder.problems
