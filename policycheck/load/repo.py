"""Load a compliance repo: files -> located data -> validated, cross-referenced models.

Every problem of every file is collected and raised together as one
:class:`~policycheck.errors.InvalidInput`, each with file, line, what is wrong
and the likely fix.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel, ValidationError

from policycheck.cache import FileCache
from policycheck.errors import InvalidInput, Problem
from policycheck.errors import did_you_mean as did_you_mean  # lives with the errors; re-exported for old imports
from policycheck.load import parallel
from policycheck.load.compact import pickler
from policycheck.load.files import FileSystemReader, SourceFile
from policycheck.load.parallel import EntityResult, Task, entity_step
from policycheck.load.yamlread import Document, Path_, read_yaml
from policycheck.model import (
    Breach,
    Category,
    Config,
    Exercise,
    LocationKey,
    PolicyDocument,
    PrivacyNotice,
    Processor,
    Purpose,
    Recipient,
    Repo,
    System,
    document_references,
)
from policycheck.model.types import ID_PATTERN
from policycheck.reference import reference

_ID = re.compile(ID_PATTERN)


class Reader(Protocol):
    def read(self, rel: str, problems: list[Problem]) -> SourceFile | None: ...

    def listing(self, name: str, suffixes: tuple[str, ...], problems: list[Problem]) -> list[str]: ...

    def document_status(self, rel: str) -> str: ...


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _freeze(value: Any) -> Any:
    """Lists to tuples, recursively: the strict models hold tuples."""
    if isinstance(value, list):
        return tuple([v if type(v) in _SCALARS else _freeze(v) for v in value])
    if isinstance(value, dict):
        return {k: v if type(v) in _SCALARS else _freeze(v) for k, v in value.items()}
    return value


def _thaw(value: Any) -> Any:
    """Tuples to lists, recursively: a value as the YAML reader gives it without ``tuples`` (for messages
    that show it)."""
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    if isinstance(value, dict):
        return {k: _thaw(v) for k, v in value.items()}
    return value


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return repr(value) if isinstance(value, str) else str(value)


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types inside Optional/Union/Annotated/tuple/dict annotations."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        out: list[Any] = []
        for a in typing.get_args(annotation):
            out += _unwrap(a)
        return out
    if origin in (tuple, list):
        return _unwrap(typing.get_args(annotation)[0])
    if origin is dict:
        return _unwrap(typing.get_args(annotation)[1])
    return [annotation]


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        if field is None:
            # a dict key such as the rule id in `rules:`
            continue
        nested = [t for t in _unwrap(field.annotation) if isinstance(t, type) and issubclass(t, BaseModel)]
        current = nested[0] if nested else None
    return current


def _context(loc: tuple[str | int, ...]) -> str:
    parts: list[str] = []
    for p in loc:
        if isinstance(p, int):
            if parts:
                parts[-1] += f"[{p}]"
        else:
            parts.append(p)
    return ".".join(parts)


_UNION_TAG = re.compile(r"[a-z][a-z_-]*\[.*\]|str|int|float|bool|date|none")

_TYPE_WORDS = {
    "string_type": "text",
    "bool_type": "true or false",
    "int_type": "a whole number",
    "float_type": "a number",
    "tuple_type": "a list",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "date_type": "a date (YYYY-MM-DD)",
}


def translate(
    exc: ValidationError,
    model: type[BaseModel],
    doc: Document,
    file: str,
    prefix: tuple[str | int, ...] = (),
    what: str = "",
) -> list[Problem]:
    """Turn pydantic's errors into one-line problems at the right line."""
    problems = []
    seen: set[tuple[str | int, ...]] = set()
    for err in exc.errors():
        raw_loc = tuple(err["loc"])
        # drop the tags pydantic adds for union members ('tuple[str, ...]', 'function-plain[...]')
        loc = tuple(p for p in raw_loc if not (isinstance(p, str) and _UNION_TAG.fullmatch(p)))
        if not loc and raw_loc:
            loc = raw_loc
        # union members add their own loc parts ('str', 'tuple[...]'), already dropped;
        # report one problem per location
        if loc in seen:
            continue
        seen.add(loc)
        kind = err["type"]
        value = err.get("input")
        path = prefix + loc
        line, col = doc.where(path)
        field = _context(loc) or what or "the file"
        if kind == "extra_forbidden":
            name = str(loc[-1])
            owner = _model_at(model, loc[:-1])
            hint = did_you_mean(name, owner.model_fields) if owner else ""
            line, col = doc.where_key(path)
            where = _context(loc[:-1])
            where = f" in {where}" if where else (f" in {what}" if what else "")
            msg = f"unknown field '{name}'{where}{hint}"
            if not hint and owner:
                msg += f"; known fields: {', '.join(owner.model_fields)}"
        elif kind == "missing":
            msg = f"missing required field '{field}'"
            if len(loc) > 1:
                line, col = doc.where(prefix + loc[:-1])
            elif prefix:
                line, col = doc.where(prefix)
            else:
                line, col = 1, 1
        elif kind == "literal_error":
            expected = err.get("ctx", {}).get("expected", "")
            choices = re.findall(r"'([^']*)'", expected)
            hint = did_you_mean(value, choices)
            msg = f"{field}: {_describe(value)} is not one of: {', '.join(choices)}{hint}"
        elif kind == "string_pattern_mismatch":
            fixed = re.sub(r"[^a-z0-9-]+", "-", str(value).lower()).strip("-")
            msg = (
                f"{field}: {_describe(value)} is not a valid id; use lowercase letters, digits "
                f"and hyphens (e.g. '{fixed}')"
            )
        elif kind == "date_type" or (kind == "date_from_datetime_parsing"):
            msg = f"{field}: {_describe(value)} is not a valid date; write YYYY-MM-DD"
        elif loc and loc[-1] == "special" and kind in ("bool_type", "literal_error"):
            msg = f"{field}: expected true, false or criminal, got {_describe(value)}"
        elif kind in _TYPE_WORDS:
            msg = f"{field}: expected {_TYPE_WORDS[kind]}, got {_describe(value)}"
            if kind == "string_type" and isinstance(value, int | float | bool):
                msg += " (put it in quotes)"
            elif kind == "string_type" and isinstance(value, dict) and loc[-1:] == ("name",):
                msg += "; this name is one text (names per language are for teams and the declarations)"
        elif kind == "value_error":
            msg = f"{field}: {str(err['msg']).removeprefix('Value error, ')}"
        elif kind == "greater_than_equal":
            msg = f"{field}: {_describe(value)} must not be negative"
        else:
            msg = f"{field}: {err['msg']}"
        problems.append(Problem(file, line, col, msg))
    return problems


# --- reading -------------------------------------------------------------------------


class Positions(Mapping[LocationKey, tuple[int, int]]):
    """Line and column by declaration key plus path, looked up in the documents read.

    ``("system", "crm", "flows", 0)`` is the document of ``("system", "crm")`` at path
    ``("flows", 0)``. Only findings and errors ask, so nothing is copied or re-keyed up front.
    """

    def __init__(self) -> None:
        #: declaration key -> (positions of its document, its path inside it); later entries win
        self._docs: dict[LocationKey, list[tuple[dict[Path_, tuple[int, int]], Path_]]] = {}
        self._longest = 0

    def add(self, key: LocationKey, doc: Document, base: tuple[str | int, ...]) -> None:
        self._docs.setdefault(key, []).append((doc.positions, base))
        self._longest = max(self._longest, len(key))

    def __getitem__(self, key: LocationKey) -> tuple[int, int]:
        for n in range(min(len(key), self._longest), 0, -1):
            found = self._docs.get(key[:n])
            if found is None:
                continue
            rest = key[n:]
            for positions, base in reversed(found):
                pos = positions.get(base + rest)
                if pos is not None:
                    return pos
        raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, tuple):
            return False
        try:
            self[key]
        except KeyError:
            return False
        return True

    def _all(self) -> dict[LocationKey, tuple[int, int]]:
        out: dict[LocationKey, tuple[int, int]] = {}
        for key, found in self._docs.items():
            for positions, base in found:
                n = len(base)
                for path, pos in positions.items():
                    if path[:n] == base:
                        out[key + path[n:]] = pos
        return out

    def __iter__(self) -> Iterator[LocationKey]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


def _stem(rel: str) -> str:
    """``Path(rel).stem``, without making a Path."""
    name = rel.rpartition("/")[2]
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


class _Loader:
    def __init__(self, reader: Reader, root: str, cache: FileCache | None = None) -> None:
        self.reader = reader
        self.root = root
        #: parsed and validated files from earlier runs, by content (see policycheck.cache)
        self.cache = cache
        #: the cache key of each file read, by path
        self.keys: dict[str, str] = {}
        self.problems: list[Problem] = []
        self.files: dict[LocationKey, str] = {}
        #: ids with a file, valid or not (so a reference to an invalid file is not "unknown")
        self.declared: set[str] = set()
        #: the file that first declared each system, processor or recipient id
        self.declared_in: dict[str, str] = {}
        #: ids of invalid list entries, by kind ("category", "purpose", "team"): not "unknown" elsewhere
        self.declared_by: dict[str, set[str]] = {}
        #: kinds whose file could not be read at all: references to them cannot be checked
        self.unreadable: set[str] = set()
        #: raw data of entity files that failed validation, to check their references too
        self.invalid: list[tuple[str, LocationKey, dict[str, Any]]] = []
        self.positions = Positions()

    # file level

    def read_yaml(self, src: SourceFile, text: str, line_offset: int = 0) -> tuple[Document, list[Problem]]:
        """``read_yaml`` of ``text`` (all or part of ``src``), from the cache when ``src`` is unchanged."""
        if self.cache is None:
            return read_yaml(text, src.path, line_offset)
        key = self.keys.get(src.path)
        if key is None:
            key = self.keys[src.path] = self.cache.key(src.path, src.text)
        step = ("yaml", line_offset)
        found, value = self.cache.get(key, step)
        if found:
            doc, problems = value
            return doc, list(problems)
        doc, problems = read_yaml(text, src.path, line_offset)
        self.cache.remember(key, step, (doc, tuple(problems)))
        return doc, problems

    def yaml(self, rel: str, required: bool = False) -> Document | None:
        src = self.reader.read(rel, self.problems)
        if src is None:
            if required:
                self.problems.append(Problem(rel, 0, 0, "file is missing"))
            return None
        doc, problems = self.read_yaml(src, src.text)
        self.problems += problems
        if doc.data is None and problems:
            return None  # unreadable (syntax); duplicate keys and tags leave usable data
        return doc

    def markdown(self, rel: str) -> tuple[Document, str] | None:
        src = self.reader.read(rel, self.problems)
        if src is None:
            return None
        lines = src.text.split("\n")
        if not lines or lines[0].strip() != "---":
            self.problems.append(
                Problem(
                    rel,
                    1,
                    1,
                    "missing YAML front matter: start the file with a '---' line, the fields, and another '---' line",
                )
            )
            return None
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if end is None:
            self.problems.append(Problem(rel, 1, 1, "front matter is not closed: add a '---' line after it"))
            return None
        doc, problems = self.read_yaml(src, "\n".join(lines[1:end]) + "\n", line_offset=1)
        self.problems += problems
        if problems:
            return None
        if not isinstance(doc.data, dict):
            self.problems.append(Problem(rel, 2, 1, "front matter must be a mapping of fields"))
            return None
        return doc, "\n".join(lines[end + 1 :]).strip("\n")

    def record(self, key: LocationKey, rel: str, doc: Document, base: tuple[str | int, ...]) -> None:
        self.files[key] = rel
        self.positions.add(key, doc, base)

    def validate(
        self,
        model: type[BaseModel],
        data: Any,
        doc: Document,
        rel: str,
        prefix: tuple[str | int, ...] = (),
        what: str = "",
    ) -> Any:
        key = self.keys.get(rel) if self.cache is not None else None
        step = ("validate", model.__name__, prefix, what)
        if key is not None and self.cache is not None:
            found, value = self.cache.get(key, step)
            if found:
                obj, problems = value
                self.problems += problems
                return obj
        try:
            obj, problems = model.model_validate(_freeze(data)), ()
        except ValidationError as exc:
            obj, problems = None, tuple(translate(exc, model, doc, rel, prefix, what))
        if key is not None and self.cache is not None:
            self.cache.remember(key, step, (obj, problems))
        self.problems += problems
        return obj

    # entity files

    def entity_dir(
        self,
        folder: str,
        model: type[BaseModel],
        kind: str,
        listed: tuple[list[str], list[Problem]] | None = None,
        done: dict[str, EntityResult] | None = None,
    ) -> dict[str, Any]:
        """The entities of ``folder``; ``listed`` is its listing made earlier (files, problems), ``done``
        the files already read and validated (see :mod:`policycheck.load.parallel`)."""
        out: dict[str, Any] = {}
        if listed is None:
            rels = self.reader.listing(folder, (".yaml",), self.problems)
        else:
            rels = listed[0]
            self.problems += listed[1]
        for rel in rels:
            stem = _stem(rel)
            if not _ID.match(stem):
                self.problems.append(
                    Problem(
                        rel, 0, 0, f"file name '{stem}' is not a valid id; use lowercase letters, digits and hyphens"
                    )
                )
                continue
            self.declared.add(stem)
            self.declared_by.setdefault(kind, set()).add(stem)
            other = self.declared_in.setdefault(stem, rel)
            if other != rel:  # the same message as the check on valid entities, so it is reported once
                self.problems.append(
                    Problem(
                        rel,
                        1,
                        1,
                        f"id '{stem}' is already used by {other}; systems, processors and recipients share one "
                        "namespace, so rename one",
                    )
                )
            result = done.pop(rel, None) if done is not None else None
            if result is None:
                result = self.entity_file(rel, stem, model, kind)
            problems, doc, obj, data = result
            self.problems += problems
            if doc is None:
                continue
            if obj is not None:
                out[stem] = obj
                self.record((kind, stem), rel, doc, ())
            elif data is not None:
                self.invalid.append((kind, (kind, stem), data))
                self.record((kind, stem), rel, doc, ())
        return out

    def entity_file(self, rel: str, stem: str, model: type[BaseModel], kind: str) -> EntityResult:
        """Read and validate one entity file: its problems in order, its document (None when there is
        nothing to record), the model (or None) and, when invalid, its data (to check its references).

        With the file cache, what follows the reading is one entry per file (its problems, position
        table, model and invalid data: no values or key positions of a valid file to unpickle).
        """
        problems: list[Problem] = []
        src = self.reader.read(rel, problems)
        if src is None:
            return problems, None, None, None
        key = step = None
        if self.cache is not None:
            key = self.keys.get(rel)
            if key is None:
                key = self.keys[rel] = self.cache.key(src.path, src.text)
            step = entity_step(model, kind, stem)
            found, value = self.cache.get(key, step)
            if found:
                cached, positions, obj, data = value
                doc = Document(None, positions) if positions is not None else None
                return [*problems, *cached], doc, obj, data
        first = len(problems)
        doc, obj, data = self._entity(src, stem, model, kind, problems)
        if key is not None and self.cache is not None:
            positions = doc.positions if doc is not None else None
            self.cache.remember(key, step, (tuple(problems[first:]), positions, obj, data))
        return problems, doc, obj, data

    def _entity(
        self, src: SourceFile, stem: str, model: type[BaseModel], kind: str, problems: list[Problem]
    ) -> tuple[Document | None, Any, dict[str, Any] | None]:
        rel = src.path
        # sequences read as tuples: the data is what the strict models take, without a _freeze copy
        doc, yaml_problems = read_yaml(src.text, rel, tuples=True)
        problems += yaml_problems
        if doc.data is None and yaml_problems:
            return None, None, None  # unreadable (syntax); duplicate keys and tags leave usable data
        if not isinstance(doc.data, dict):
            problems.append(Problem(rel, 1, 1, f"expected a mapping of {kind} fields"))
            return None, None, None
        data = dict(doc.data)
        if "id" in data and data["id"] != stem:
            line, col = doc.where(("id",))
            problems.append(
                Problem(
                    rel,
                    line,
                    col,
                    f"id '{_thaw(data['id'])}' differs from the file name; "
                    f"the id of {rel} is '{stem}' (remove `id:` or rename the file)",
                )
            )
            # keep going: the rest of the file is still checked
        data["id"] = stem
        try:
            obj = model.model_validate(data)
        except ValidationError as exc:
            problems += translate(exc, model, doc, rel)
            return doc, None, data
        return doc, obj, None

    def entity_list(self, rel: str, key: str, model: type[BaseModel], kind: str) -> dict[str, Any]:
        doc = self.yaml(rel)
        out: dict[str, Any] = {}
        if doc is None:
            if self.reader.read(rel, []) is not None:
                self.unreadable.add(kind)
            return out
        if doc.data is None:
            return out
        if not isinstance(doc.data, dict) or set(doc.data) != {key}:
            self.unreadable.add(kind)
            extra = sorted(set(doc.data) - {key}) if isinstance(doc.data, dict) else []
            line, col = doc.where_key((extra[0],)) if extra else (1, 1)
            hint = did_you_mean(extra[0], [key]) if extra else ""
            self.problems.append(
                Problem(rel, line, col, f"expected a single top-level key '{key}:' holding a list{hint}")
            )
            return out
        items = doc.data[key]
        if items is None:
            return out
        if not isinstance(items, list):
            line, col = doc.where((key,))
            self.problems.append(Problem(rel, line, col, f"'{key}' must be a list"))
            self.unreadable.add(kind)
            return out
        first_line: dict[str, int] = {}
        for i, item in enumerate(items):
            obj = self.validate(model, item, doc, rel, (key, i), f"{key}[{i}]")
            if obj is None:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    self.declared_by.setdefault(kind, set()).add(item["id"])
                    invalid_key: LocationKey = (f"{kind}-invalid", i)
                    self.invalid.append((kind, invalid_key, item))
                    self.record(invalid_key, rel, doc, (key, i))
                continue
            line, col = doc.where((key, i))
            if obj.id in out:
                self.problems.append(
                    Problem(
                        rel, line, col, f"duplicate {kind} id '{obj.id}' (first declared on line {first_line[obj.id]})"
                    )
                )
                continue
            first_line[obj.id] = line
            out[obj.id] = obj
            self.record((kind, obj.id), rel, doc, (key, i))
        return out


def _config_data(data: Any) -> Any:
    """Empty sections mean none; `rules:` overrides may be `off`/false/true as well as a mapping."""
    if not isinstance(data, dict):
        return data
    data = {k: v for k, v in data.items() if not (v is None and k in ("teams", "rules", "waivers", "settings"))}
    if not isinstance(data.get("rules"), dict):
        return data
    rules = {}
    for rule_id, value in data["rules"].items():
        if value in ("off", False):
            rules[rule_id] = {"enabled": False}
        elif value in ("on", True):
            rules[rule_id] = {}
        else:
            rules[rule_id] = value
    return {**data, "rules": rules}


def load_repo(root: Path, use_cache: bool | None = None) -> Repo:
    """Read and validate the compliance repo at ``root``; raise InvalidInput listing every problem.

    Unchanged files come from the file cache (:mod:`policycheck.cache`) unless ``use_cache`` is
    False or ``POLICYCHECK_NO_CACHE`` is set.
    """
    cache = FileCache(str(root), use_cache, pickler)
    try:
        return load_from(FileSystemReader(root), str(root), cache if cache.on or cache.shared is not None else None)
    finally:
        cache.save()


def _single_files(ld: _Loader) -> tuple[Config | None, Document | None, dict[str, Any], dict[str, Any]]:
    """policycheck.yaml (its model and document), categories.yaml and purposes.yaml, read and validated."""
    config = None
    doc = ld.yaml("policycheck.yaml", required=True)
    if doc is not None:
        if not isinstance(doc.data, dict):
            ld.problems.append(Problem("policycheck.yaml", 1, 1, "expected a mapping with `organization:`"))
        else:
            config = ld.validate(Config, _config_data(doc.data), doc, "policycheck.yaml")
            ld.record(("config",), "policycheck.yaml", doc, ())
            if config is not None:
                seen: dict[str, int] = {}
                for i, team in enumerate(config.teams):
                    line, col = doc.where(("teams", i))
                    if team.id in seen:
                        ld.problems.append(
                            Problem(
                                "policycheck.yaml",
                                line,
                                col,
                                f"duplicate team id '{team.id}' (first declared on line {seen[team.id]})",
                            )
                        )
                    seen.setdefault(team.id, line)
                    ld.record(("team", team.id), "policycheck.yaml", doc, ("teams", i))
                for i, _ in enumerate(config.waivers):
                    ld.record(("waiver", i + 1), "policycheck.yaml", doc, ("waivers", i))

    categories = ld.entity_list("categories.yaml", "categories", Category, "category")
    purposes = ld.entity_list("purposes.yaml", "purposes", Purpose, "purpose")
    return config, doc, categories, purposes


def load_from(reader: Reader, root: str, cache: FileCache | None = None) -> Repo:
    ld = _Loader(reader, root, cache)
    # the entity folders are most of a repo: listed first (their problems kept for their place in
    # the order), their files read on every core (load.parallel) while this process reads the rest
    entity_kinds: tuple[tuple[str, type[BaseModel], str], ...] = (
        ("systems", System, "system"),
        ("processors", Processor, "processor"),
        ("recipients", Recipient, "recipient"),
    )
    listed: dict[str, tuple[list[str], list[Problem]]] = {}
    tasks: list[Task] = []
    for folder, model, kind in entity_kinds:
        folder_problems: list[Problem] = []
        rels = ld.reader.listing(folder, (".yaml",), folder_problems)
        listed[folder] = (rels, folder_problems)
        tasks += [(rel, stem, model, kind) for rel in rels if _ID.match(stem := _stem(rel))]
    started = parallel.start(ld, tasks)
    try:
        config, doc, categories, purposes = _single_files(ld)
        done = parallel.finish(ld, started)
    except BaseException:
        parallel.abandon(started)
        raise
    systems = ld.entity_dir("systems", System, "system", listed["systems"], done)
    processors = ld.entity_dir("processors", Processor, "processor", listed["processors"], done)
    recipients = ld.entity_dir("recipients", Recipient, "recipient", listed["recipients"], done)
    del done

    # one namespace for systems, processors and recipients
    holders: dict[str, str] = {}
    for kind, entities in (("system", systems), ("processor", processors), ("recipient", recipients)):
        for eid in list(entities):
            if eid in holders:
                where = ld.files[(kind, eid)]
                ld.problems.append(
                    Problem(
                        where,
                        1,
                        1,
                        f"id '{eid}' is already used by {holders[eid]}; systems, "
                        "processors and recipients share one namespace, so rename one",
                    )
                )
                del entities[eid]
            else:
                holders[eid] = ld.files[(kind, eid)]

    policies: dict[str, PolicyDocument] = {}
    types_ = reference().policy_types
    for rel in ld.reader.listing("policies", (".md",), ld.problems):
        parsed = ld.markdown(rel)
        if parsed is None:
            continue
        pdoc, text = parsed
        name = Path(rel).stem
        pol = ld.validate(PolicyDocument, {**pdoc.data, "name": name, "text": text}, pdoc, rel)
        ptype = pol.type if pol is not None else pdoc.data.get("type")  # checked even when the rest is invalid
        if isinstance(ptype, str) and ptype not in types_:
            line, col = pdoc.where(("type",))
            ld.problems.append(
                Problem(
                    rel,
                    line,
                    col,
                    f"type: '{ptype}' is not a required policy type; "
                    f"one of: {', '.join(types_)}{did_you_mean(ptype, types_)}",
                )
            )
        if pol is None:  # still check its owner
            ld.invalid.append(("policy", ("policy-invalid", name), dict(pdoc.data)))
            ld.record(("policy-invalid", name), rel, pdoc, ())
            continue
        if pol.type not in types_:
            continue
        if pol.type in policies:
            first = ld.files[("policy", pol.type)]
            ld.problems.append(
                Problem(
                    rel,
                    1,
                    1,
                    f"a second policy document of type '{pol.type}' (the first is "
                    f"{first}); merge them or change the type",
                )
            )
            continue
        policies[pol.type] = pol
        ld.record(("policy", pol.type), rel, pdoc, ())

    exercises: list[Exercise] = []
    edoc = ld.yaml("exercises.yaml")
    if edoc is not None and edoc.data is not None:
        if not isinstance(edoc.data, dict) or set(edoc.data) != {"exercises"}:
            ld.problems.append(
                Problem("exercises.yaml", 1, 1, "expected a single top-level key 'exercises:' holding a list")
            )
        elif isinstance(edoc.data["exercises"], list):
            for i, item in enumerate(edoc.data["exercises"]):
                ex = ld.validate(Exercise, item, edoc, "exercises.yaml", ("exercises", i), f"exercises[{i}]")
                if ex is not None:
                    exercises.append(ex)
                    ld.record(("exercise", len(exercises) - 1), "exercises.yaml", edoc, ("exercises", i))
                elif isinstance(item, dict):
                    ld.invalid.append(("exercise", ("exercise-invalid", i), item))
                    ld.record(("exercise-invalid", i), "exercises.yaml", edoc, ("exercises", i))
        elif edoc.data["exercises"] is not None:
            ld.problems.append(Problem("exercises.yaml", 1, 1, "'exercises' must be a list"))

    breaches: dict[str, Breach] = ld.entity_list("breaches.yaml", "breaches", Breach, "breach")

    notice = None
    parsed = ld.markdown("privacy-notice.md")
    if parsed is not None:
        ndoc, text = parsed
        notice = ld.validate(PrivacyNotice, {**ndoc.data, "text": text}, ndoc, "privacy-notice.md")
        ld.record(("privacy-notice",), "privacy-notice.md", ndoc, ())
        if notice is None:
            ld.invalid.append(("privacy-notice", ("privacy-notice",), dict(ndoc.data)))

    if config is not None:
        teams: dict[str, Any] = {t.id: t for t in config.teams}
    else:  # still check references to teams, by the ids the file declares
        raw = doc.data if doc is not None and isinstance(doc.data, dict) else None
        raw_teams = raw.get("teams") if raw else None
        teams = {
            t["id"]: None
            for t in (raw_teams if isinstance(raw_teams, list) else [])
            if isinstance(t, dict) and isinstance(t.get("id"), str)
        }
        if raw is None or (raw_teams is not None and not isinstance(raw_teams, list)):
            ld.unreadable.add("team")
    _check_references(ld, teams, categories, purposes, systems, processors, recipients, policies, exercises, notice)
    _check_breach_references(ld, categories, systems, processors, recipients, breaches)

    if ld.problems or config is None:
        if not ld.problems:  # pragma: no cover - config None always comes with a problem
            ld.problems.append(Problem("policycheck.yaml", 1, 1, "could not be read"))
        raise InvalidInput(ld.problems)
    repo = Repo(
        root=root,
        config=config,
        categories=categories,
        purposes=purposes,
        systems=systems,
        processors=processors,
        recipients=recipients,
        policies=policies,
        exercises=tuple(exercises),
        privacy_notice=notice,
        teams=teams,
        files=ld.files,
        positions=ld.positions,
        breaches=breaches,
    )
    return replace(repo, documents=_documents(reader, repo))


#: a URL (any scheme): not a path to look up; the rule evidence-missing accepts https:// only
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def _documents(reader: Reader, repo: Repo) -> dict[str, str]:
    """Which referenced document paths name a file inside the repo (the rules never touch the disk)."""
    out: dict[str, str] = {}
    for ref in document_references(repo):
        if ref.path not in out and not _URL.match(ref.path):
            out[ref.path] = reader.document_status(ref.path)
    return out


def _check_breach_references(
    ld: _Loader,
    categories: dict[str, Category],
    systems: dict[str, System],
    processors: dict[str, Processor],
    recipients: dict[str, Recipient],
    breaches: dict[str, Breach],
) -> None:
    """A breach's `systems` name systems or processors, its `categories` categories (valid or not)."""
    entries: list[tuple[LocationKey, Any, Any]] = [
        (("breach", b.id), b.systems, b.categories) for b in breaches.values()
    ]
    entries += [(key, raw.get("systems"), raw.get("categories")) for kind, key, raw in ld.invalid if kind == "breach"]
    places = {**systems, **processors}
    for key, raw_systems, raw_categories in entries:
        file = ld.files.get(key, "breaches.yaml")
        for field, values, table, what, kinds in (
            ("systems", raw_systems, places, "system or processor", ("system", "processor")),
            ("categories", raw_categories, categories, "category", ("category",)),
        ):
            if not isinstance(values, list | tuple):
                continue
            for i, value in enumerate(values):
                if not isinstance(value, str) or value in table:
                    continue
                if any(k in ld.unreadable or value in ld.declared_by.get(k, ()) for k in kinds):
                    continue  # its file could not be read, or the entry is invalid (reported there)
                line, col = ld.positions.get((*key, field, i), (1, 1))
                if value in recipients:
                    msg = f"{field}[{i}]: '{value}' is a recipient, not a system or processor"
                else:
                    hint = did_you_mean(value, table)
                    msg = f"{field}[{i}]: unknown {what} '{value}'{hint}"
                ld.problems.append(Problem(file, line, col, msg))


def _check_references(
    ld: _Loader,
    teams: dict[str, Any],
    categories: dict[str, Category],
    purposes: dict[str, Purpose],
    systems: dict[str, System],
    processors: dict[str, Processor],
    recipients: dict[str, Recipient],
    policies: dict[str, PolicyDocument],
    exercises: list[Exercise],
    notice: PrivacyNotice | None,
) -> None:
    holders = {**systems, **processors, **recipients}

    def check(
        key: LocationKey, path: tuple[str | int, ...], value: str | None, table: dict[str, Any], what: str
    ) -> None:
        if value is None or value in table:
            return
        kinds = ("system", "processor", "recipient") if what == "system, processor or recipient" else (what,)
        if what in ld.unreadable or any(value in ld.declared_by.get(k, ()) for k in kinds):
            return  # its file could not be read, or the entry is invalid (reported there)
        full = key + path
        line, col = ld.positions.get(full, (1, 1))
        file = ld.files.get(key, "policycheck.yaml")
        actual = next((k for k in ("system", "processor", "recipient") if value in ld.declared_by.get(k, ())), None)
        if actual is not None:  # the id exists, but names the wrong kind of thing
            ld.problems.append(
                Problem(file, line, col, f"{_context(path) or 'reference'}: '{value}' is a {actual}, not a {what}")
            )
            return
        hint = did_you_mean(value, table)
        if not hint and not table and not ld.declared and not ld.declared_by.get(what):
            hint = f"; no {what} is declared"
        ld.problems.append(Problem(file, line, col, f"{_context(path) or 'reference'}: unknown {what} '{value}'{hint}"))

    def check_all(
        key: LocationKey, path: tuple[str | int, ...], values: Iterable[str], table: dict[str, Any], what: str
    ) -> None:
        for i, v in enumerate(values):
            if v not in table:  # the common case, a known id, without a call
                check(key, (*path, i), v, table, what)

    # the valid declarations: a list of known ids (most of them) costs one set test, a known id no call
    category_ids = set(categories)
    for pid, p in purposes.items():
        key: LocationKey = ("purpose", pid)
        check_all(key, ("categories",), p.categories, categories, "category")
        check_all(key, ("consulted",), p.consulted, teams, "team")
        check(key, ("consent_record",), p.consent_record, systems, "system")
    for sid, s in systems.items():
        key = ("system", sid)
        if s.owner not in teams:
            check(key, ("owner",), s.owner, teams, "team")
        if s.processor not in processors:
            check(key, ("processor",), s.processor, processors, "processor")
        for i, st in enumerate(s.stores):
            if not category_ids.issuperset(st.categories):
                check_all(key, ("stores", i, "categories"), st.categories, categories, "category")
        for i, fl in enumerate(s.flows):
            if fl.to not in holders:
                check(key, ("flows", i, "to"), fl.to, holders, "system, processor or recipient")
            if fl.to == sid:
                line, col = ld.positions.get((*key, "flows", i, "to"), (1, 1))
                ld.problems.append(
                    Problem(
                        ld.files[key],
                        line,
                        col,
                        f"flows[{i}].to: a flow from '{sid}' to itself; name the system, processor or "
                        "recipient the data goes to, or remove the flow",
                    )
                )
            if not category_ids.issuperset(fl.categories):
                check_all(key, ("flows", i, "categories"), fl.categories, categories, "category")
            if fl.purpose not in purposes:
                check(key, ("flows", i, "purpose"), fl.purpose, purposes, "purpose")
    for pid, pr in processors.items():
        key = ("processor", pid)
        check_all(key, ("subprocessors",), pr.subprocessors, processors, "processor")
        for i, sub in enumerate(pr.subprocessors):
            if sub == pid:
                line, col = ld.positions.get((*key, "subprocessors", i), (1, 1))
                ld.problems.append(
                    Problem(ld.files[key], line, col, f"processor '{pid}' lists itself as a sub-processor")
                )
        if pr.dpa is not None:
            check_all(key, ("dpa", "categories"), pr.dpa.categories, categories, "category")
            check_all(key, ("dpa", "purposes"), pr.dpa.purposes, purposes, "purpose")
    for ptype, pol in policies.items():
        check(("policy", ptype), ("owner",), pol.owner, teams, "team")
    # files that failed validation: still report their broken references, so one run shows all
    for kind, key, raw in ld.invalid:

        def text(v: Any) -> str | None:
            return v if isinstance(v, str) else None

        # an entity file's sequences are tuples (read so), those of a list file's entries lists
        def texts(v: Any) -> list[str]:
            return [x for x in v if isinstance(x, str)] if isinstance(v, list | tuple) else []

        def items(v: Any) -> list[tuple[int, dict[str, Any]]]:
            return [(i, x) for i, x in enumerate(v) if isinstance(x, dict)] if isinstance(v, list | tuple) else []

        if kind == "system":
            check(key, ("owner",), text(raw.get("owner")), teams, "team")
            check(key, ("processor",), text(raw.get("processor")), processors, "processor")
            for i, raw_store in items(raw.get("stores")):
                check_all(key, ("stores", i, "categories"), texts(raw_store.get("categories")), categories, "category")
            for i, raw_flow in items(raw.get("flows")):
                check(key, ("flows", i, "to"), text(raw_flow.get("to")), holders, "system, processor or recipient")
                check_all(key, ("flows", i, "categories"), texts(raw_flow.get("categories")), categories, "category")
                check(key, ("flows", i, "purpose"), text(raw_flow.get("purpose")), purposes, "purpose")
        elif kind == "processor":
            check_all(key, ("subprocessors",), texts(raw.get("subprocessors")), processors, "processor")
        elif kind == "purpose":
            check_all(key, ("categories",), texts(raw.get("categories")), categories, "category")
            check_all(key, ("consulted",), texts(raw.get("consulted")), teams, "team")
            check(key, ("consent_record",), text(raw.get("consent_record")), systems, "system")
        elif kind == "policy":
            check(key, ("owner",), text(raw.get("owner")), teams, "team")
        elif kind == "exercise":
            check_all(key, ("participants",), texts(raw.get("participants")), teams, "team")
        elif kind == "privacy-notice":
            check_all(key, ("categories",), texts(raw.get("categories")), categories, "category")
            check_all(key, ("purposes",), texts(raw.get("purposes")), purposes, "purpose")
            check_all(key, ("recipients",), texts(raw.get("recipients")), {**recipients, **processors}, "recipient")
    for i, ex in enumerate(exercises):
        check_all(("exercise", i), ("participants",), ex.participants, teams, "team")
    if notice is not None:
        key = ("privacy-notice",)
        check_all(key, ("categories",), notice.categories, categories, "category")
        check_all(key, ("purposes",), notice.purposes, purposes, "purpose")
        check_all(key, ("recipients",), notice.recipients, {**recipients, **processors}, "recipient")
