"""Documents for people: the gap report, the record of processing (Art. 30) and the data map.

- :mod:`policycheck.reports.datamap`: the data map as nodes and edges, its layered
  drawing (inline SVG) and its exports (DOT, Mermaid, GraphML, JSON);
- :mod:`policycheck.reports.ropa`: the record of processing activities, one entry per purpose;
- :mod:`policycheck.reports.gap`: the gap report's data model and its HTML and Markdown renderings;
- :mod:`policycheck.reports.i18n`: :class:`~policycheck.reports.i18n.Texts`, the report's view of the
  one catalogue per language (:mod:`policycheck.i18n`; the words are in ``i18n/<lang>_report.py``);
- :mod:`policycheck.reports.templating`: the Jinja2 environment (autoescaped for HTML and SVG).

Everything here is a pure function of its inputs: no clock, no I/O, sorted output.
"""
