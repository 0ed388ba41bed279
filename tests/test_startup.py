"""Start-up of a command: what `check` imports (lean start-up, no pydantic plugins)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("fmt", ["json", "sarif", "text"])
def test_check_does_not_look_for_pydantic_plugins(fmt: str) -> None:
    """pydantic's plugin search imports importlib.metadata and reads every installed distribution."""
    org = str(ROOT / "org_example")
    code = (
        "import sys\n"
        "from policycheck.cli import main\n"
        "try:\n"
        f"    main(['check', {org!r}, '--as-of', '2026-11-28', '--no-cache', '--format', {fmt!r}])\n"
        "except SystemExit as exc:\n"
        "    print('EXIT', exc.code, file=sys.stderr)\n"
        "print('pydantic' in sys.modules, 'importlib.metadata' in sys.modules, file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    lines = out.stderr.strip().splitlines()
    assert lines[-2] == "EXIT 1" and lines[-1] == "True False", out.stderr


def test_the_plugin_loader_finds_none_and_answers_the_rest() -> None:
    code = (
        "from policycheck.cli import _without_pydantic_plugins\n"
        "_without_pydantic_plugins()\n"
        "_without_pydantic_plugins()\n"
        "import pydantic.plugin._loader as loader\n"
        "print(tuple(loader.get_plugins()), loader.PYDANTIC_ENTRY_POINT_GROUP)\n"
        "from pydantic import BaseModel\n"
        "class M(BaseModel):\n"
        "    x: int\n"
        "print(M(x=1).x)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["()", "pydantic", "1"], out.stderr


def test_a_library_user_keeps_pydantic_plugins() -> None:
    """Only the command line switches plugins off: importing policycheck changes nothing."""
    code = (
        "import sys\n"
        "import policycheck, policycheck.cli, policycheck.api\n"
        "from policycheck.cli import _NoPydanticPlugins\n"
        "import pydantic.plugin._loader as loader\n"
        "print(_NoPydanticPlugins in sys.meta_path, loader.__file__ is not None)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"], out.stderr
