"""The data map as a picture and as data for other tools.

:func:`build` turns a :class:`~policycheck.graph.DataMap` into a :class:`MapModel`:
nodes (systems, processors, recipients and the countries where they hold data)
and edges (flows, hosting, sub-processing and location), each marked when it
lies on a path by which personal data reaches a third country, and when that
transfer has no safeguard.

:func:`layout` places the model in columns (customer channels -> internal
systems -> processors and recipients -> sub-processors -> countries), ordering
each column to keep line crossings few (barycentre and median sweeps, then
adjacent swaps, the best order kept; :func:`crossings` counts them), with names
wrapped inside their boxes; :func:`svg` draws it as a self-contained inline SVG
through a Jinja2 template, at the page's width and no text under 11 px. :func:`to_dot`, :func:`to_mermaid`,
:func:`to_graphml` and :func:`to_json` export the same model.
"""

from __future__ import annotations

import bisect
import json
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

from policycheck.escape import xml_text
from policycheck.graph.facts import category_order
from policycheck.reference import reference
from policycheck.reports.i18n import Texts

if TYPE_CHECKING:
    from markupsafe import Markup

    from policycheck.graph import DataMap
    from policycheck.model import Repo

#: the picture's columns, left to right
COLUMNS: tuple[str, ...] = ("channels", "systems", "processors", "subprocessors", "countries")

FLOW, HOSTING, SUBPROCESSING, LOCATION = "flow", "hosting", "subprocessing", "location"


@dataclass(frozen=True)
class MapNode:
    id: str  # a system, processor or recipient id; ``country:XX`` for a country
    kind: str  # system | processor | recipient | country
    name: str
    column: str  # one of COLUMNS
    detail: str = ""  # a system's kind, a recipient's kind, a country's name
    channel: bool = False
    in_house: bool = False  # a system run without a processor
    countries: tuple[str, ...] = ()  # where the node holds data (a country: itself)
    third_countries: tuple[str, ...] = ()  # those outside the EU/EEA
    categories: tuple[str, ...] = ()  # personal-data categories held
    unsafe: bool = False  # holds personal data in a third country without a safeguard


@dataclass(frozen=True)
class MapEdge:
    source: str
    target: str
    kind: str  # flow | hosting | subprocessing | location
    categories: tuple[str, ...] = ()  # personal data carried (empty for anonymized flows)
    declared: tuple[str, ...] = ()  # categories as declared on the flow
    purpose: str | None = None
    transform: str | None = None
    encrypted: bool | None = None
    index: int = 0  # the flow's position in the sending system's `flows`
    third_country: bool = False  # on a path by which personal data reaches a third country
    unsafe: bool = False  # ... and that transfer has no safeguard


@dataclass(frozen=True)
class MapModel:
    nodes: tuple[MapNode, ...]
    edges: tuple[MapEdge, ...]
    #: category id -> (short code, name, special) in the order of categories.yaml
    categories: dict[str, tuple[str, str, bool]] = field(default_factory=dict)
    as_of: str = ""


def category_codes(ids: Iterable[str]) -> dict[str, str]:
    """Short, unique, deterministic codes for category ids: ``contact-details`` -> ``CD``."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for cid in ids:
        parts = [p for p in cid.split("-") if p] or [cid]
        candidates = ["".join(p[0] for p in parts).upper()]
        candidates.append((parts[0][:2] + "".join(p[0] for p in parts[1:])).upper())
        candidates.append(cid[:3].upper())
        code = next((c for c in candidates if c not in taken), None)
        n = 2
        while code is None:
            code = f"{candidates[0]}{n}" if f"{candidates[0]}{n}" not in taken else None
            n += 1
        taken.add(code)
        out[cid] = code
    return out


def country_id(code: str) -> str:
    return f"country:{code}"


def build(repo: Repo, dmap: DataMap) -> MapModel:
    """The data map of ``repo`` as nodes and edges with third-country and unsafe paths marked."""
    ref = reference()
    g = dmap.links  # the graph without networkx: the same nodes, attributes and edge order
    held = dmap.holdings
    where = dmap.countries
    transfers = dmap.transfers

    direct = set()
    for s in repo.systems.values():
        if s.processor:
            direct.add(s.processor)
        direct.update(f.to for f in s.flows if f.to in repo.processors)
    referenced = dmap.referenced_processors

    # edges on a path to a third country, and whether the transfer at its end is unsafe
    third_pairs: set[tuple[str, str]] = set()
    unsafe_pairs: set[tuple[str, str]] = set()
    unsafe_nodes: set[str] = set()
    for node, items in transfers.items():
        unsafe_here = any(not t.safe for t in items)
        if unsafe_here:
            unsafe_nodes.add(node)
        for path in (held.get(node) or {}).values():
            for u, v in pairwise(path):
                third_pairs.add((u, v))
                if unsafe_here:
                    unsafe_pairs.add((u, v))
        for t in items:
            third_pairs.add((node, country_id(t.country)))
            if not t.safe:
                unsafe_pairs.add((node, country_id(t.country)))

    def cat_sorted(cats: Iterable[str]) -> tuple[str, ...]:
        return category_order(repo, cats)

    nodes: list[MapNode] = []
    countries_used: set[str] = set()
    for nid in sorted(g.nodes):
        kind = g.nodes[nid]["kind"]
        countries = tuple(where.get(nid, ()))
        countries_used.update(countries)
        third = tuple(c for c in countries if not ref.in_eea(c))
        cats = cat_sorted(held.get(nid, {}))
        if kind == "system":
            s = repo.systems[nid]
            nodes.append(MapNode(
                nid, "system", s.name, "channels" if s.channel else "systems", s.kind, s.channel,
                not s.processor, countries, third, cats, nid in unsafe_nodes))
        elif kind == "processor":
            p = repo.processors[nid]
            column = "processors" if nid in direct or nid not in referenced else "subprocessors"
            nodes.append(MapNode(nid, "processor", p.name, column, "", False, False, countries, third,
                                 cats, nid in unsafe_nodes))
        else:
            r = repo.recipients[nid]
            nodes.append(MapNode(nid, "recipient", r.name, "processors", r.kind, False, False, countries,
                                 third, cats, nid in unsafe_nodes))
    for code in sorted(countries_used):
        third = () if ref.in_eea(code) else (code,)
        unsafe = any((u, v) in unsafe_pairs for u, v in [(n.id, country_id(code)) for n in nodes])
        nodes.append(MapNode(country_id(code), "country", code, "countries", ref.country_name(code),
                             countries=(code,), third_countries=third, unsafe=unsafe))

    edges: list[MapEdge] = []
    for u, v, data in g.edges(data=True):
        pair = (u, v)
        kind = data["kind"]
        if kind == FLOW:
            edges.append(MapEdge(
                u, v, FLOW, cat_sorted(data["categories"]), cat_sorted(data["declared"]),
                data.get("purpose"), data.get("transform"), data.get("encrypted"), int(data["index"]),
                pair in third_pairs and bool(data["categories"]),
                pair in unsafe_pairs and bool(data["categories"])))
        else:
            carried = cat_sorted(held.get(u, {})) if held.get(v) else ()
            edges.append(MapEdge(u, v, kind, carried, (), None, None, None, 0,
                                 pair in third_pairs, pair in unsafe_pairs))
    for n in nodes:
        if n.kind == "country":
            continue
        for code in n.countries:
            pair = (n.id, country_id(code))
            edges.append(MapEdge(n.id, country_id(code), LOCATION, n.categories,
                                 third_country=pair in third_pairs, unsafe=pair in unsafe_pairs))
    edges.sort(key=lambda e: (e.source, e.target, e.kind, e.index))
    codes = category_codes(repo.categories)
    categories = {cid: (codes[cid], str(c.name), bool(c.special)) for cid, c in repo.categories.items()}
    col = {c: i for i, c in enumerate(COLUMNS)}
    nodes.sort(key=lambda n: (col[n.column], n.id))
    return MapModel(tuple(nodes), tuple(edges), categories, dmap.as_of.isoformat())


# --- the drawing ---------------------------------------------------------------

# The picture fits the report's page (1160 px) at 100 % zoom, so that no text is drawn smaller
# than its font size: five columns of boxes, names wrapped inside them.
NODE_W = 155
COUNTRY_W = 130
NODE_H = 40  # a box with a one-line name; each further line of the name adds LINE_H
LINE_H = 15
MAX_NAME_LINES = 3
NAME_SIZE = 12
V_GAP = 12
COL_GAP = 50  # the narrowest gap between two columns
#: the gap right of each column: wide where flows carry category labels, narrow where only
#: hosting, sub-processing and location lines run
GAP_AFTER: dict[str, float] = {"channels": 110, "systems": 100, "processors": COL_GAP, "subprocessors": COL_GAP}
MARGIN = 16
HEADER = 44
CUSTOMERS_W = 24
CUSTOMERS_GAP = 40
LABEL_H = 15
LABEL_SIZE = 11
#: room for the findings badge at the end of a box's first line
BADGE_W = 18
#: above this many edges between columns the layout skips the adjacent-swap pass (it would take seconds)
TRANSPOSE_LIMIT = 500
#: above this many boxes the layout makes at most LARGE_SWEEPS sweeps (each one recounts every
#: crossing; the picture of such a map is for zooming into, not for the last crossing)
LARGE_MAP = 1500
LARGE_SWEEPS = 2

SEVERITY_ORDER = ("critical", "high", "medium", "low", "info")


@dataclass(frozen=True)
class DrawnEdge:
    """One line of the picture (parallel flows between two nodes are merged)."""

    source: str
    target: str
    kind: str
    categories: tuple[str, ...]
    anonymized: bool
    third_country: bool
    unsafe: bool
    purposes: tuple[str, ...]


@dataclass(frozen=True)
class Box:
    node: MapNode
    x: float
    y: float
    w: float
    h: float
    #: the node's name as drawn, wrapped to the box
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Layout:
    columns: tuple[tuple[str, float, float], ...]  # (column, x, width) of the non-empty columns
    boxes: dict[str, Box]
    edges: tuple[DrawnEdge, ...]
    width: float
    height: float  # of the drawing, without the legend


def drawn_edges(model: MapModel, all_locations: bool = False) -> tuple[DrawnEdge, ...]:
    """The lines to draw: flows merged per node pair; hosting, sub-processing; countries of vendors.

    In the picture a system's countries are shown in its box rather than by a line, unless it
    is run in-house (no processor) and so is its own last stop; ``all_locations`` keeps every
    location line (the exports, which must agree with DOT, GraphML and JSON).
    """
    nodes = {n.id: n for n in model.nodes}
    order = {cid: i for i, cid in enumerate(model.categories)}
    merged: dict[tuple[str, str, str], list[MapEdge]] = defaultdict(list)
    for e in model.edges:
        if e.kind == LOCATION and not all_locations:
            src = nodes[e.source]
            if src.kind == "system" and not src.in_house:
                continue
        merged[(e.source, e.target, e.kind)].append(e)
    out = []
    for (u, v, kind), group in sorted(merged.items()):
        cats: set[str] = set()
        for e in group:
            cats.update(e.categories)
        anonymized = kind == FLOW and not cats
        out.append(DrawnEdge(
            u, v, kind,
            tuple(sorted(cats, key=lambda c: (order.get(c, len(order)), c))) if kind == FLOW else (),
            anonymized,
            any(e.third_country for e in group),
            any(e.unsafe for e in group),
            tuple(sorted({e.purpose for e in group if e.purpose})),
        ))
    return tuple(out)


def _spans(edges: tuple[DrawnEdge, ...], col_index: dict[str, int]) -> list[tuple[str, str, int, int]]:
    """The edges between different columns, as (left node, right node, left column, right column)."""
    out = []
    for e in edges:
        a, b = col_index[e.source], col_index[e.target]
        if a < b:
            out.append((e.source, e.target, a, b))
        elif b < a:
            out.append((e.target, e.source, b, a))
    return out


def _positions(cols: list[list[str]]) -> dict[str, float]:
    """Each node's place in its column, centred on the column's middle (as the picture stacks them)."""
    pos: dict[str, float] = {}
    for ids in cols:
        mid = (len(ids) - 1) / 2
        for i, nid in enumerate(ids):
            pos[nid] = i - mid
    return pos


def _by_gap(spans: list[tuple[str, str, int, int]]) -> dict[int, list[tuple[str, str, int, int]]]:
    out: dict[int, list[tuple[str, str, int, int]]] = defaultdict(list)
    for span in spans:
        for g in range(span[2], span[3]):
            out[g].append(span)
    return out


def _gap_crossings(g: int, spans: list[tuple[str, str, int, int]], pos: dict[str, float]) -> int:
    """Crossings in the gap right of column ``g`` among the edges passing it (cut to that gap).

    Two pieces cross when their starts and ends are in opposite order. Equal ends at a box are
    one node (no crossing); an equal end where an edge passes a column is a crossing on that
    column, counted here and not again in the next gap, where the two pieces start equal.
    """
    pieces = []
    for u, v, a, b in spans:
        y0, y1 = pos[u], pos[v]
        at_node = g + 1 == b
        pieces.append((y0 + (y1 - y0) * (g - a) / (b - a), y0 + (y1 - y0) * (g + 1 - a) / (b - a), at_node))
    pieces.sort()
    count = 0
    ends: list[float] = []  # of the pieces with a smaller start, sorted
    passing: list[float] = []  # ... those that end where their edge passes a column
    i = 0
    while i < len(pieces):
        j = i
        while j < len(pieces) and pieces[j][0] == pieces[i][0]:
            j += 1
        for k in range(i, j):
            end, at_node = pieces[k][1], pieces[k][2]
            count += len(ends) - bisect.bisect_right(ends, end)
            same = passing if at_node else ends
            count += bisect.bisect_right(same, end) - bisect.bisect_left(same, end)
        for k in range(i, j):
            bisect.insort(ends, pieces[k][1])
            if not pieces[k][2]:
                bisect.insort(passing, pieces[k][1])
        i = j
    return count


def crossings(cols: list[list[str]], spans: list[tuple[str, str, int, int]]) -> int:
    """How many pairs of edges cross, with each edge drawn straight between the centres of its
    boxes and the boxes of a column stacked evenly around the middle.

    An edge that spans several columns is cut at every column it passes; two pieces in the same
    gap cross when their ends are in opposite order. Counted per gap by sorting (n log n).
    """
    pos = _positions(cols)
    return sum(_gap_crossings(g, items, pos) for g, items in _by_gap(spans).items())


def _order(model: MapModel, edges: tuple[DrawnEdge, ...], present: list[str], sweeps: int) -> list[list[str]]:
    """The nodes of each column, top to bottom, with few crossings.

    Layer-by-layer sweeps (left to right, then right to left), each node placed at the
    barycentre (or, in a second run, the median) of its neighbours in the columns already
    placed; then adjacent nodes are swapped wherever that removes crossings. The order with
    the fewest crossings seen is kept. Deterministic: ties keep the previous order, then the id.
    """
    col_index = {n.id: present.index(n.column) for n in model.nodes}
    start: list[list[str]] = [[] for _ in present]
    for n in model.nodes:
        start[col_index[n.id]].append(n.id)
    spans = _spans(edges, col_index)
    neighbours: dict[str, list[str]] = defaultdict(list)
    for u, v, _, _ in spans:
        neighbours[u].append(v)
        neighbours[v].append(u)

    def reorder(cols: list[list[str]], ci: int, towards: int, median: bool) -> None:
        pos = _positions(cols)

        def key(nid: str) -> tuple[float, float, str]:
            near = sorted(pos[m] for m in neighbours[nid] if (col_index[m] - ci) * towards > 0)
            if not near:
                return (pos[nid], pos[nid], nid)
            if median:
                k = len(near) // 2
                centre = near[k] if len(near) % 2 else (near[k - 1] + near[k]) / 2
            else:
                centre = sum(near) / len(near)
            return (centre, pos[nid], nid)

        cols[ci] = sorted(cols[ci], key=key)

    best = [list(ids) for ids in start]
    best_count = crossings(best, spans)
    for median in (False, True):
        cols = [list(ids) for ids in start]
        for _ in range(sweeps):
            for ci in range(1, len(present)):
                reorder(cols, ci, -1, median)
            for ci in range(len(present) - 2, -1, -1):
                reorder(cols, ci, 1, median)
            count = crossings(cols, spans)
            if count < best_count:
                best, best_count = [list(ids) for ids in cols], count
    if len(spans) <= TRANSPOSE_LIMIT:  # adjacent swaps recount the gaps they touch: too slow on huge maps
        best, best_count = _transpose(best, spans, best_count)
    return best


def _transpose(cols: list[list[str]], spans: list[tuple[str, str, int, int]], count: int,
               rounds: int = 4) -> tuple[list[list[str]], int]:
    """Swap neighbours within a column while that lowers the crossings (recounting only the gaps
    the two nodes' edges pass)."""
    pos = _positions(cols)
    by_gap = _by_gap(spans)
    per_gap = {g: _gap_crossings(g, items, pos) for g, items in by_gap.items()}
    gaps_of: dict[str, set[int]] = defaultdict(set)
    for u, v, lo, hi in spans:
        gaps_of[u].update(range(lo, hi))
        gaps_of[v].update(range(lo, hi))
    for _ in range(rounds):
        improved = False
        for ids in cols:
            for i in range(len(ids) - 1):
                a, b = ids[i], ids[i + 1]
                touched = gaps_of[a] | gaps_of[b]
                if not touched:
                    continue
                before = sum(per_gap[g] for g in touched)
                pos[a], pos[b] = pos[b], pos[a]
                after = {g: _gap_crossings(g, by_gap[g], pos) for g in touched}
                if sum(after.values()) < before:
                    ids[i], ids[i + 1] = b, a
                    per_gap.update(after)
                    count -= before - sum(after.values())
                    improved = True
                else:
                    pos[a], pos[b] = pos[b], pos[a]
        if not improved:
            break
    return cols, count


def name_lines(text: str, width: float, first_width: float | None = None, size: float = NAME_SIZE,
               bold: bool = True, max_lines: int = MAX_NAME_LINES) -> tuple[str, ...]:
    """``text`` wrapped at spaces into lines no wider than ``width`` (the first ``first_width``);
    a word wider than a line is cut; past ``max_lines`` the last line ends in an ellipsis."""
    lines: list[str] = []
    current = ""

    def limit() -> float:
        return first_width if (first_width is not None and not lines) else width

    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if _text_width(candidate, size, bold) <= limit():
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while _text_width(current, size, bold) > limit() and len(current) > 1:
            cut = len(current)
            while cut > 1 and _text_width(current[:cut], size, bold) > limit():
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
    if current or not lines:
        lines.append(current)
    if len(lines) > max_lines:
        kept = lines[: max_lines - 1]
        rest = " ".join(lines[max_lines - 1:])
        kept.append(_fit(rest, width, size, bold))
        lines = kept
    return tuple(lines)


def _box_lines(n: MapNode, w: float, badge: bool) -> tuple[str, ...]:
    if n.kind == "country":
        return name_lines(f"{n.name} · {n.detail}", w - 16, max_lines=2)
    return name_lines(n.name, w - 16, w - 16 - (BADGE_W if badge else 0))


def layout(model: MapModel, sweeps: int = 8, badges: frozenset[str] = frozenset()) -> Layout:
    """Columns left to right; within a column, nodes ordered to keep crossings few (see _order);
    each box as tall as its wrapped name (``badges``: the nodes whose first line leaves room for one)."""
    edges = drawn_edges(model)
    present = [c for c in COLUMNS if any(n.column == c for n in model.nodes)]
    if len(model.nodes) > LARGE_MAP:
        sweeps = min(sweeps, LARGE_SWEEPS)
    order = _order(model, edges, present, sweeps)
    cols = dict(zip(present, order, strict=True))

    nodes = {n.id: n for n in model.nodes}
    widths = {c: float(COUNTRY_W if c == "countries" else NODE_W) for c in present}
    lines = {nid: _box_lines(nodes[nid], widths[c], nid in badges) for c in present for nid in cols[c]}
    heights = {nid: float(NODE_H + LINE_H * (len(ls) - 1)) for nid, ls in lines.items()}
    column_h = {c: sum(heights[nid] for nid in cols[c]) + V_GAP * max(0, len(cols[c]) - 1) for c in present}
    tallest = max(column_h.values(), default=0.0)
    left = MARGIN + (CUSTOMERS_W + CUSTOMERS_GAP if "channels" in cols else 0)
    columns = []
    boxes: dict[str, Box] = {}
    x = float(left)
    for c in present:
        w = widths[c]
        columns.append((c, x, w))
        y = HEADER + (tallest - column_h[c]) / 2
        for nid in cols[c]:
            boxes[nid] = Box(nodes[nid], x, y, w, heights[nid], lines[nid])
            y += heights[nid] + V_GAP
        x += w + GAP_AFTER.get(c, COL_GAP)
    width = x - GAP_AFTER.get(present[-1], COL_GAP) + MARGIN if present else 2 * MARGIN
    height = HEADER + tallest + V_GAP + MARGIN
    return Layout(tuple(columns), boxes, edges, width, height)


# --- SVG geometry ----------------------------------------------------------------


def _bezier(p: tuple[tuple[float, float], ...], t: float) -> tuple[float, float]:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = p
    a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3
    return (a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3)


def _curve(src: Box, dst: Box) -> tuple[tuple[float, float], ...]:
    """Control points of the cubic Bézier line from ``src`` to ``dst``."""
    sy, dy = src.y + src.h / 2, dst.y + dst.h / 2
    if dst.x > src.x:
        x0, x3 = src.x + src.w, dst.x
        dx = max(40.0, (x3 - x0) / 2)
        return ((x0, sy), (x0 + dx, sy), (x3 - dx, dy), (x3, dy))
    if dst.x < src.x:
        x0, x3 = src.x, dst.x + dst.w
        dx = max(40.0, (x0 - x3) / 2)
        return ((x0, sy), (x0 - dx, sy), (x3 + dx, dy), (x3, dy))
    bulge = min(COL_GAP * 0.8, 22 + 0.25 * abs(dy - sy))
    x0 = src.x
    return ((x0, sy - 5), (x0 - bulge, sy - 5), (x0 - bulge, dy + 5), (x0, dy + 5))


#: edge style by rank: 0 muted, 1 flow, 2 third-country path, 3 unsafe path
_STYLE = {
    0: ("link", "dm-arrow-muted"),
    1: ("flow", "dm-arrow-flow"),
    2: ("third", "dm-arrow-third"),
    3: ("unsafe", "dm-arrow-unsafe"),
}


def _rank(e: DrawnEdge) -> int:
    if e.unsafe:
        return 3
    if e.third_country:
        return 2
    return 1 if e.kind == FLOW and not e.anonymized else 0


_CANDIDATES = (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82, 0.12, 0.88)
_CELL = 64.0


class _LabelPlacer:
    """Greedy label placement: the first spot along the line that overlaps no label and no column.

    Placed labels are kept in a grid of cells, so a spot is checked against its
    neighbours only; where no spot is free, the least crowded one is taken.
    """

    def __init__(self, bands: list[tuple[float, float]]) -> None:
        self.bands = bands
        #: per cell, the placed labels in it (indexes into ``rects``), in the order placed
        self.grid: dict[tuple[int, int], list[int]] = defaultdict(list)
        #: the distinct rectangles of the placed labels (two labels on one spot are one rectangle)
        self.rects: list[tuple[float, float, float, float]] = []
        self.index: dict[tuple[float, float, float, float], int] = {}

    def _cells(self, r: tuple[float, float, float, float]) -> list[tuple[int, int]]:
        x0, y0, x1, y1 = r
        return [(cx, cy) for cx in range(int(x0 // _CELL), int(x1 // _CELL) + 1)
                for cy in range(int(y0 // _CELL), int(y1 // _CELL) + 1)]

    def _cost(self, r: tuple[float, float, float, float], limit: float = math.inf) -> float:
        """How much of ``r`` other labels and the columns cover; once that reaches ``limit`` (the
        best spot's so far), any number at least ``limit`` (the spot cannot win: terms are never
        negative, so the sum only grows)."""
        # the cells of ``_cells(r)`` in its order, labels in each in the order placed, each counted once
        # (the same sum, term by term: a tie between two spots is broken as before)
        x0, y0, x1, y1 = r
        cost = 0.0
        seen: set[int] = set()
        grid = self.grid
        rects = self.rects
        ys = range(int(y0 // _CELL), int(y1 // _CELL) + 1)
        for cx in range(int(x0 // _CELL), int(x1 // _CELL) + 1):
            for cy in ys:
                placed = grid.get((cx, cy))
                if not placed:
                    continue
                for k in placed:
                    if k in seen:
                        continue
                    seen.add(k)
                    ox0, oy0, ox1, oy1 = rects[k]
                    w = (x1 if x1 < ox1 else ox1) - (x0 if x0 > ox0 else ox0)
                    if w > 0:
                        h = (y1 if y1 < oy1 else oy1) - (y0 if y0 > oy0 else oy0)
                        if h > 0:
                            cost += w * h
                            if cost >= limit:
                                return cost
        for b0, b1 in self.bands:
            w = min(x1, b1) - max(x0, b0)
            if w > 0:
                cost += 0.5 * w * (y1 - y0)
        return cost

    def place(self, pts: tuple[tuple[float, float], ...], width: float, dx: float = 0.0) -> tuple[float, float]:
        """The centre of the label: on the line (shifted by ``dx``) where it is least in the way."""
        best: tuple[float, int, float, float] | None = None
        for n, tt in enumerate(_CANDIDATES):
            x, y = _bezier(pts, tt)
            x = max(x + dx, width / 2 + 2)  # never off the picture's left edge
            r = (x - width / 2, y - LABEL_H / 2, x + width / 2, y + LABEL_H / 2)
            # a later spot wins only with a smaller cost (a tie goes to the earlier one)
            cost = self._cost(r) if best is None else self._cost(r, best[0])
            if best is None or (cost, n) < (best[0], best[1]):
                best = (cost, n, x, y)
            if cost == 0:
                break
        assert best is not None
        _, _, x, y = best
        r = (x - width / 2 - 1, y - LABEL_H / 2, x + width / 2 + 1, y + LABEL_H / 2)
        k = self.index.get(r)
        if k is None:
            k = self.index[r] = len(self.rects)
            self.rects.append(r)
        for cell in self._cells(r):
            self.grid[cell].append(k)
        return x, y


def _d(p: tuple[tuple[float, float], ...]) -> str:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = p
    return f"M{x0:.1f},{y0:.1f} C{x1:.1f},{y1:.1f} {x2:.1f},{y2:.1f} {x3:.1f},{y3:.1f}"


def _text_width(text: str, size: float, bold: bool = False) -> float:
    narrow = sum(1 for ch in text if ch in "iljtf.,:;' |()[]")
    wide = sum(1 for ch in text if ch.isupper() or ch in "mwMW@")
    rest = len(text) - narrow - wide
    # calibrated on DejaVu Sans, the widest of the fonts the picture names: the estimate errs wide
    return size * (0.32 * narrow + 0.8 * wide + 0.6 * rest) * (1.12 if bold else 1.0)


#: font sizes of the picture, in px: none is below 11 (readable at 100 % zoom)
SUB_SIZE = 11
MIN_FONT = 11


def _fit_parts(parts: tuple[tuple[str, bool], ...], width: float, size: float) -> tuple[tuple[str, bool], ...]:
    """The sub line's parts, cut with an ellipsis where the whole is wider than ``width``."""
    out: list[tuple[str, bool]] = []
    used = 0.0
    for text, flag in parts:
        w = _text_width(text, size)
        if used + w <= width:
            out.append((text, flag))
            used += w
            continue
        out.append((_fit(text, width - used, size), flag))
        break
    return tuple(out)


def _fit(text: str, width: float, size: float, bold: bool = False) -> str:
    if _text_width(text, size, bold) <= width:
        return text
    cut = text
    while cut and _text_width(cut + "…", size, bold) > width:
        cut = cut[:-1]
    return cut.rstrip() + "…"


@dataclass(frozen=True)
class SvgLabel:
    x: float
    y: float
    w: float
    parts: tuple[tuple[str, bool], ...]  # (code, special category)


@dataclass(frozen=True)
class SvgEdge:
    d: str
    cls: str
    marker: str
    title: str
    label: SvgLabel | None


@dataclass(frozen=True)
class SvgNode:
    id: str
    x: float
    y: float
    w: float
    h: float
    cls: str
    lines: tuple[str, ...]  # the name, wrapped
    sub: tuple[tuple[str, bool], ...]  # (text, third country)
    title: str
    badge: tuple[int, str] | None  # (open findings, worst severity)

    @property
    def name(self) -> str:
        return " ".join(self.lines)

    def baselines(self) -> tuple[float, ...]:
        """The y of each line of text (the name's, then the sub line's), centred in the box."""
        count = len(self.lines) + (1 if self.sub else 0)
        top = self.y + self.h / 2 - count * LINE_H / 2
        return tuple(top + LINE_H * (i + 1) - 3.5 for i in range(count))


@dataclass(frozen=True)
class LegendItem:
    x: float
    y: float
    kind: str  # edge class, node class or severity
    text: str
    shape: str  # line | box | badge | special


@dataclass(frozen=True)
class SvgPicture:
    width: float
    height: float
    title: str
    columns: tuple[tuple[float, str], ...]  # (centre x, title)
    customers: tuple[float, float, float, str] | None  # x, y, height, text
    customer_arrows: tuple[str, ...]
    edges: tuple[SvgEdge, ...]
    nodes: tuple[SvgNode, ...]
    legend_y: float
    legend_title: str
    legend: tuple[LegendItem, ...]
    categories_title: str
    categories_y: float
    categories: tuple[tuple[float, float, str, str, bool], ...]  # x, y, code, name, special


def picture(
    model: MapModel, t: Texts, findings: dict[str, tuple[int, str]] | None = None
) -> SvgPicture:
    """Everything the SVG template draws, with coordinates; ``findings``: node -> (count, worst)."""
    lay = layout(model, badges=frozenset(findings or {}))
    findings = findings or {}
    codes = {cid: (code, special) for cid, (code, _, special) in model.categories.items()}
    names = {n.id: n.name for n in model.nodes}

    bands = [(x - 3, x + w + 3) for _, x, w in lay.columns]
    if any(b.node.column == "channels" for b in lay.boxes.values()):
        bands.append((MARGIN - 3.0, MARGIN + CUSTOMERS_W + 3.0))
    labels = _LabelPlacer(bands)
    final_edges: list[tuple[int, int, SvgEdge]] = []
    # the labels of risky flows are placed first, so that they get the best spots
    order = sorted(range(len(lay.edges)), key=lambda i: (-_rank(lay.edges[i]), i))
    for i in order:
        e = lay.edges[i]
        src, dst = lay.boxes[e.source], lay.boxes[e.target]
        pts = _curve(src, dst)
        rank = _rank(e)
        cls, marker = _STYLE[rank]
        if e.kind != FLOW:
            cls += " structural"
        label = None
        title_parts = [f"{names[e.source]} → {names[e.target]}"]
        if e.kind == FLOW and not e.anonymized:
            parts = tuple(codes.get(c, (c, False)) for c in e.categories)
            width = _text_width(" ".join(p for p, _ in parts), LABEL_SIZE, True) + 8
            # a flow within a column bulges left of it: its label goes left of the bulge, off the boxes
            lx, ly = labels.place(pts, width, -(width / 2 + 2) if src.x == dst.x else 0.0)
            label = SvgLabel(lx - width / 2, ly, width, parts)
        if e.kind == FLOW:
            title_parts.append(", ".join(model.categories.get(c, (c, c, False))[1] for c in e.categories)
                               or t("datamap.anonymized"))
            if e.purposes:
                title_parts.append(", ".join(e.purposes))
        final_edges.append((rank, i, SvgEdge(_d(pts), cls, marker, " · ".join(title_parts), label)))
    final_edges.sort(key=lambda r: (r[0], r[1]))

    svg_nodes = []
    for nid in sorted(lay.boxes):
        b = lay.boxes[nid]
        n = b.node
        if n.kind == "country":
            cls = "country-third" if n.third_countries else "country-eea"
            sub: tuple[tuple[str, bool], ...] = ()
        else:
            if n.kind == "system":
                cls = "channel" if n.channel else "system"
                head = n.detail
                if n.in_house:
                    head += f" · {t('datamap.in_house')}"
            elif n.kind == "processor":
                cls = "processor" if n.column == "processors" else "subprocessor"
                head = ""
            else:
                cls = "recipient"
                head = t(f"recipients.kind.{n.detail}") if n.detail else ""
            sub_parts = [(head + " · ", False)] if head else []
            for i, c in enumerate(n.countries):
                sep = ", " if i < len(n.countries) - 1 else ""
                sub_parts.append((c + sep, c in n.third_countries))
            sub = tuple(sub_parts)
        if n.unsafe:
            cls += " unsafe"
        title = f"{n.name} ({nid})" if n.kind != "country" else f"{n.detail} ({n.name})"
        if n.countries and n.kind != "country":
            title += " · " + ", ".join(n.countries)
        if nid in findings:
            title += f" · {t.plural('datamap.findings', findings[nid][0])}"
        if sub:
            sub = _fit_parts(sub, b.w - 16, SUB_SIZE)
        svg_nodes.append(SvgNode(nid, b.x, b.y, b.w, b.h, cls, b.lines, sub, title, findings.get(nid)))

    columns = tuple((x + w / 2, t(f"datamap.column.{c}")) for c, x, w in lay.columns)
    customers = None
    arrows: list[str] = []
    channel_boxes = [b for b in lay.boxes.values() if b.node.column == "channels"]
    if channel_boxes:
        top = min(b.y for b in channel_boxes)
        bottom = max(b.y + b.h for b in channel_boxes)
        customers = (float(MARGIN), top, bottom - top, t("datamap.customers"))
        for b in sorted(channel_boxes, key=lambda b: b.y):
            y = b.y + b.h / 2
            arrows.append(f"M{MARGIN + CUSTOMERS_W:.1f},{y:.1f} H{b.x - 2:.1f}")

    # legend: lines and boxes, then the category codes
    legend_y = lay.height + 10
    items: list[LegendItem] = []
    entries = [
        ("flow", "datamap.legend.flow", "line"),
        ("anon", "datamap.legend.anonymized", "line"),
        ("link structural", "datamap.legend.hosting", "line"),
        ("third", "datamap.legend.third", "line"),
        ("unsafe", "datamap.legend.unsafe", "line"),
        ("channel", "datamap.legend.channel", "box"),
        ("system", "datamap.legend.system", "box"),
        ("processor", "datamap.legend.processor", "box"),
        ("recipient", "datamap.legend.recipient", "box"),
        ("country-eea", "datamap.legend.eea", "box"),
        ("country-third", "datamap.legend.third_country", "box"),
        ("high", "datamap.legend.findings", "badge"),
    ]
    special_codes = sorted(code for code, _, is_special in model.categories.values() if is_special)
    if special_codes:
        entries.append((special_codes[0], "datamap.legend.special", "special"))
    inner = lay.width - 2 * MARGIN
    step = min(inner, max(_text_width(t(key), MIN_FONT) for _, key, _ in entries) + 60)
    per_row = max(1, int(inner // step)) if step > 0 else 1  # an empty map has no width
    for i, (kind, key, shape) in enumerate(entries):
        items.append(LegendItem(MARGIN + (i % per_row) * step, legend_y + 22 + (i // per_row) * 20, kind,
                                t(key), shape))
    rows = (len(entries) + per_row - 1) // per_row
    cat_y = legend_y + 22 + rows * 20 + 14
    cats: list[tuple[float, float, str, str, bool]] = []
    # every category by its full name (cut only where one name is wider than the whole picture)
    named = sorted(model.categories.values(), key=lambda c: c[0])
    cat_step = min(inner, max((_text_width(f"{code} {name}", MIN_FONT, True) for code, name, _ in named),
                              default=0.0) + 24)
    cat_per_row = max(1, int(inner // cat_step)) if cat_step > 0 else 1
    for i, (code, name, special) in enumerate(named):
        cats.append((float(MARGIN + (i % cat_per_row) * cat_step), cat_y + 20 + (i // cat_per_row) * 18,
                     code, _fit(name, cat_step - 24 - _text_width(code, MIN_FONT, True), MIN_FONT), special))
    cat_rows = (len(cats) + cat_per_row - 1) // cat_per_row
    height = cat_y + 20 + cat_rows * 18 + MARGIN / 2
    return SvgPicture(
        width=max(lay.width, 2 * MARGIN + 540),
        height=height,
        title=t("section.datamap"),
        columns=columns,
        customers=customers,
        customer_arrows=tuple(arrows),
        edges=tuple(e for _, _, e in final_edges),
        nodes=tuple(svg_nodes),
        legend_y=legend_y,
        legend_title=t("datamap.legend"),
        legend=tuple(items),
        categories_title=t("datamap.categories"),
        categories_y=cat_y,
        categories=tuple(cats),
    )


# The picture's edges, boxes and labels (thousands of each on a large map) are written here rather
# than by loops in datamap.svg.j2: the same markup, every text escaped by markupsafe as the
# template's autoescape does, several times faster.


def edges_svg(p: SvgPicture) -> Markup:
    """The ``<path>`` of every edge, one a line."""
    from markupsafe import Markup, escape

    return Markup("".join(
        f'<path class="edge {escape(e.cls)}" d="{escape(e.d)}" marker-end="url(#{escape(e.marker)})">'
        f"<title>{escape(e.title)}</title></path>\n"
        for e in p.edges))


def nodes_svg(p: SvgPicture) -> Markup:
    """The group of every box: its title, rectangle, name, sub line and findings badge."""
    from markupsafe import Markup, escape

    out: list[str] = []
    add = out.append
    for n in p.nodes:
        ys = n.baselines()
        tx = f"{n.x + 8:.1f}"
        add(f'<g class="node {escape(n.cls)}" data-id="{escape(n.id)}">\n<title>{escape(n.title)}</title>\n'
            f'<rect class="box" x="{n.x:.1f}" y="{n.y:.1f}" width="{n.w:.0f}" '
            f'height="{n.h:.0f}" rx="6"/>\n<text class="name">')
        add(" ".join(f'<tspan x="{tx}" y="{ys[i]:.1f}">{escape(line)}</tspan>'
                     for i, line in enumerate(n.lines)))
        add("</text>\n")
        if n.sub:
            add(f'<text class="sub" x="{tx}" y="{ys[-1]:.1f}">')
            add("".join(f'<tspan class="third">{escape(text)}</tspan>' if third else str(escape(text))
                        for text, third in n.sub))
            add("</text>\n")
        if n.badge:
            bx = f"{n.x + n.w - 11:.1f}"
            add(f'<g class="badge {escape(n.badge[1])}"><circle cx="{bx}" cy="{n.y + 11:.1f}" r="8.5"/>'
                f'<text x="{bx}" y="{n.y + 14.5:.1f}" text-anchor="middle">{escape(n.badge[0])}</text></g>\n')
        add("</g>\n")
    return Markup("".join(out))


def labels_svg(p: SvgPicture) -> Markup:
    """The label of every edge that has one: a rectangle with the category codes."""
    from markupsafe import Markup, escape

    out: list[str] = []
    add = out.append
    for e in p.edges:
        label = e.label
        if not label:
            continue
        codes = " ".join(f'<tspan class="special">{escape(text)}</tspan>' if special else str(escape(text))
                         for text, special in label.parts)
        add(f'<g class="label"><rect x="{label.x:.1f}" y="{label.y - 7.5:.1f}" '
            f'width="{label.w:.1f}" height="15" rx="3"/><text x="{label.x + label.w / 2:.1f}" '
            f'y="{label.y + 4:.1f}" text-anchor="middle">{codes}</text></g>\n')
    return Markup("".join(out))


def svg(model: MapModel, t: Texts, findings: dict[str, tuple[int, str]] | None = None) -> str:
    """The data map as one inline ``<svg>`` element (no external references)."""
    from policycheck.reports.templating import environment

    pic = picture(model, t, findings)
    return environment().get_template("datamap.svg.j2").render(
        p=pic, edges_svg=edges_svg, nodes_svg=nodes_svg, labels_svg=labels_svg).strip() + "\n"


# --- exports -------------------------------------------------------------------------


def _node_json(n: MapNode) -> dict[str, object]:
    out: dict[str, object] = {"id": n.id, "kind": n.kind, "name": n.name, "column": n.column}
    if n.detail:
        out["detail"] = n.detail
    if n.kind == "system":
        out["channel"] = n.channel
        out["in_house"] = n.in_house
    out["countries"] = list(n.countries)
    out["third_countries"] = list(n.third_countries)
    if n.kind != "country":
        out["categories"] = list(n.categories)
    out["unsafe"] = n.unsafe
    return out


def _edge_json(e: MapEdge) -> dict[str, object]:
    out: dict[str, object] = {"source": e.source, "target": e.target, "kind": e.kind,
                              "categories": list(e.categories)}
    if e.kind == FLOW:
        out.update(declared=list(e.declared), purpose=e.purpose, transform=e.transform,
                   encrypted=e.encrypted, index=e.index, personal=bool(e.categories))
    out.update(third_country=e.third_country, unsafe=e.unsafe)
    return out


def to_json(model: MapModel) -> str:
    doc = {
        "as_of": model.as_of,
        "columns": list(COLUMNS),
        "categories": [{"id": cid, "code": code, "name": name, "special": special}
                       for cid, (code, name, special) in model.categories.items()],
        "nodes": [_node_json(n) for n in model.nodes],
        "edges": [_edge_json(e) for e in model.edges],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _dot_id(text: str) -> str:
    text = xml_text(text)  # Graphviz writes SVG and XML: no character XML 1.0 forbids
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "").replace("\n", "\\n") + '"'


_DOT_FILL = {
    "channels": "#dbeafe", "systems": "#ffffff", "processors": "#ede9fe", "subprocessors": "#f5f3ff",
    "countries": "#f1f5f9",
}
#: a recipient (a controller in its own right) shares the processors' column but not their look
_DOT_RECIPIENT = ('fillcolor="#dcfce7"', 'color="#15803d"', "shape=parallelogram")


def to_dot(model: MapModel, t: Texts) -> str:
    """Graphviz DOT text; every node and edge carries its data as attributes too."""
    lines = [
        "digraph datamap {",
        '  graph [rankdir=LR, fontname="Helvetica", nodesep=0.25, ranksep=1.2];',
        '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=9, color="#64748b"];',
    ]
    codes = {cid: code for cid, (code, _, _) in model.categories.items()}
    for ci, column in enumerate(COLUMNS):
        members = [n for n in model.nodes if n.column == column]
        if not members:
            continue
        lines.append(f"  subgraph cluster_{ci} {{")
        lines.append(f"    label={_dot_id(t(f'datamap.column.{column}'))};")
        lines.append('    style="rounded"; color="#cbd5e1";')
        for n in members:
            fill = "#fde68a" if (n.kind == "country" and n.third_countries) else _DOT_FILL[column]
            label = f"{n.name}\n{n.detail}" if n.kind == "country" else n.name
            if n.kind != "country" and n.countries:
                label += "\n" + ", ".join(n.countries)
            style = list(_DOT_RECIPIENT) if n.kind == "recipient" else [f"fillcolor={_dot_id(fill)}"]
            attrs = [f"label={_dot_id(label)}", *style, f"kind={_dot_id(n.kind)}",
                     f"countries={_dot_id(','.join(n.countries))}"]
            if n.unsafe:
                attrs += ['color="#b91c1c"', "penwidth=2", "unsafe=true"]
            lines.append(f"    {_dot_id(n.id)} [{', '.join(attrs)}];")
        lines.append("  }")
    for e in model.edges:
        attrs = [f"kind={_dot_id(e.kind)}"]
        if e.kind == FLOW:
            if e.categories:
                attrs.append(f"label={_dot_id(' '.join(codes.get(c, c) for c in e.categories))}")
            else:
                attrs += [f"label={_dot_id(t('datamap.anonymized'))}", "style=dashed"]
            attrs.append(f"categories={_dot_id(','.join(_flow_categories(e)))}")
            if e.purpose:
                attrs.append(f"purpose={_dot_id(e.purpose)}")
            attrs.append(f"transform={_dot_id(e.transform or 'none')}")
            attrs.append(f"personal={'true' if e.categories else 'false'}")
        else:
            attrs.append("style=dashed")
        if e.unsafe:
            attrs += ['color="#b91c1c"', "penwidth=2.5", "unsafe=true"]
        elif e.third_country:
            attrs += ['color="#d97706"', "penwidth=1.8", "third_country=true"]
        lines.append(f"  {_dot_id(e.source)} -> {_dot_id(e.target)} [{', '.join(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _flow_categories(e: MapEdge) -> tuple[str, ...]:
    """What a flow carries, for the exports: the personal data; for a flow that carries none
    (anonymized), the categories as declared, marked by ``personal=false`` beside them."""
    return e.categories or e.declared


def _mermaid_id(node_id: str) -> str:
    if node_id.startswith("country:"):
        return "c_" + node_id.split(":", 1)[1]
    return "n_" + node_id.replace("-", "_")


def _mermaid_text(text: str) -> str:
    out = []
    for ch in xml_text(text):
        if ch in '"#<>&|`':
            out.append(f"#{ord(ch)};")
        else:
            out.append(ch)
    return " ".join("".join(out).split())


def to_mermaid(model: MapModel, t: Texts) -> str:
    """A Mermaid flowchart (GitHub renders it): parallel flows merged, unsafe paths in red."""
    codes = {cid: code for cid, (code, _, _) in model.categories.items()}
    lines = ["flowchart LR"]
    lines.append("  classDef channel fill:#dbeafe,stroke:#1d4ed8,color:#0f172a")
    lines.append("  classDef system fill:#ffffff,stroke:#475569,color:#0f172a")
    lines.append("  classDef processor fill:#ede9fe,stroke:#6d28d9,color:#0f172a")
    lines.append("  classDef recipient fill:#dcfce7,stroke:#15803d,color:#0f172a")
    lines.append("  classDef eea fill:#f1f5f9,stroke:#64748b,color:#0f172a")
    lines.append("  classDef third fill:#fef3c7,stroke:#d97706,color:#0f172a")
    lines.append("  classDef unsafe fill:#fee2e2,stroke:#b91c1c,stroke-width:3px,color:#7f1d1d")
    classes: dict[str, list[str]] = defaultdict(list)
    for column in COLUMNS:
        members = [n for n in model.nodes if n.column == column]
        if not members:
            continue
        lines.append(f'  subgraph col_{column}["{_mermaid_text(t(f"datamap.column.{column}"))}"]')
        for n in members:
            mid = _mermaid_id(n.id)
            if n.kind == "country":
                lines.append(f'    {mid}(["{_mermaid_text(n.name + " " + n.detail)}"])')
                classes["third" if n.third_countries else "eea"].append(mid)
            else:
                sub = ", ".join(n.countries)
                label = _mermaid_text(n.name) + (f"<br/><small>{_mermaid_text(sub)}</small>" if sub else "")
                shape = ('[["', '"]]') if n.kind == "processor" else ('[/"', '"/]') if n.kind == "recipient" \
                    else ('["', '"]')
                lines.append(f"    {mid}{shape[0]}{label}{shape[1]}")
                cls = {"system": "channel" if n.channel else "system"}.get(n.kind, n.kind)
                classes[cls].append(mid)
            if n.unsafe:
                classes["unsafe"].append(mid)
        lines.append("  end")
    red: list[int] = []
    amber: list[int] = []
    muted: list[int] = []
    for i, e in enumerate(drawn_edges(model, all_locations=True)):
        a, b = _mermaid_id(e.source), _mermaid_id(e.target)
        if e.kind == FLOW and not e.anonymized:
            label = " ".join(codes.get(c, c) for c in e.categories)
            arrow = "==>" if e.unsafe else "-->"
            lines.append(f'  {a} {arrow}|"{_mermaid_text(label)}"| {b}')
        elif e.kind == FLOW:
            lines.append(f'  {a} -.->|"{_mermaid_text(t("datamap.anonymized"))}"| {b}')
            muted.append(i)
        else:
            lines.append(f"  {a} -.-> {b}")
            if not (e.unsafe or e.third_country):
                muted.append(i)
        if e.unsafe:
            red.append(i)
        elif e.third_country:
            amber.append(i)
    for name in ("channel", "system", "processor", "recipient", "eea", "third", "unsafe"):
        if classes.get(name):
            lines.append(f"  class {','.join(classes[name])} {name}")
    if muted:
        lines.append(f"  linkStyle {','.join(map(str, muted))} stroke:#94a3b8,stroke-width:1px")
    if amber:
        lines.append(f"  linkStyle {','.join(map(str, amber))} stroke:#d97706,stroke-width:2px")
    if red:
        lines.append(f"  linkStyle {','.join(map(str, red))} stroke:#b91c1c,stroke-width:3px")
    return "\n".join(lines) + "\n"


def to_graphml(model: MapModel) -> str:
    """GraphML (networkx's writer); lists are comma-separated strings, absent strings empty; a
    flow's ``encrypted`` and ``personal`` are booleans (``encrypted`` left out when not declared)."""
    import networkx as nx

    g = nx.MultiDiGraph()
    for n in model.nodes:
        g.add_node(n.id, kind=n.kind, name=n.name, column=n.column, detail=n.detail, channel=n.channel,
                   in_house=n.in_house, countries=",".join(n.countries),
                   third_countries=",".join(n.third_countries), categories=",".join(n.categories),
                   unsafe=n.unsafe)
    for i, e in enumerate(model.edges):
        data: dict[str, object] = {
            "kind": e.kind, "categories": ",".join(_flow_categories(e) if e.kind == FLOW else e.categories),
            "declared": ",".join(e.declared), "purpose": e.purpose or "", "transform": e.transform or "",
            "index": e.index, "third_country": e.third_country, "unsafe": e.unsafe,
        }
        if e.kind == FLOW:
            data["personal"] = bool(e.categories)
            if e.encrypted is not None:
                data["encrypted"] = e.encrypted
        g.add_edge(e.source, e.target, key=f"e{i}", **data)
    # names come from users: no character XML 1.0 forbids (a \x01 or \uffff) may reach the document
    g = nx.relabel_nodes(g, {n: xml_text(n) for n in g.nodes if xml_text(n) != n})
    for _, attrs in g.nodes(data=True):
        attrs.update({k: xml_text(v) for k, v in attrs.items() if isinstance(v, str)})
    for _, _, attrs in g.edges(data=True):
        attrs.update({k: xml_text(v) for k, v in attrs.items() if isinstance(v, str)})
    return "\n".join(nx.generate_graphml(g, prettyprint=True)) + "\n"
