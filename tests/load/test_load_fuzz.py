"""Property tests: whatever the bytes, the loader reports problems; it never crashes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from policycheck.errors import InvalidInput
from policycheck.load.files import MappingReader
from policycheck.load.repo import load_from
from policycheck.load.yamlread import read_yaml

CONFIG = b"organization: {name: X, country: SE}\n"

yaml_text = st.text(alphabet=st.sampled_from(list("abc: -[]{},&*!|>'\"\n\t#%@`?~0123456789.NOyes")), max_size=200)


@settings(max_examples=300, deadline=None)
@given(yaml_text)
def test_read_yaml_never_raises(text: str) -> None:
    _doc, problems = read_yaml(text, "x.yaml")
    for p in problems:
        assert p.file == "x.yaml"


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_system_file_loads_or_reports(data: bytes) -> None:
    reader = MappingReader({"policycheck.yaml": CONFIG, "systems/s.yaml": data})
    try:
        load_from(reader, "repo")
    except InvalidInput as exc:
        assert exc.problems
        assert all(p.file in ("systems/s.yaml", "policycheck.yaml") for p in exc.problems)


@settings(max_examples=200, deadline=None)
@given(yaml_text)
def test_any_config_text_loads_or_reports(text: str) -> None:
    reader = MappingReader({"policycheck.yaml": text.encode()})
    try:
        load_from(reader, "repo")
    except InvalidInput as exc:
        assert exc.problems
