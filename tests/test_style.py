"""The style stays kept: ruff's lint, ruff's formatter and mypy (all configured in pyproject.toml)
report nothing.

Each runs as CI would run it, from the repository's root with the same interpreter; a tool that is
not installed skips its test with the command that installs it, rather than failing.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def _run(module: str, *args: str) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed; pip install -e '.[test]' installs it")
    return subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_finds_nothing():
    done = _run("ruff", "check", "--no-fix", ".")
    assert done.returncode == 0, f"ruff check . reports:\n{done.stdout}{done.stderr}"


def test_the_code_is_formatted():
    done = _run("ruff", "format", "--check", ".")
    assert done.returncode == 0, (
        f"ruff format --check . would change (run `ruff format .`):\n{done.stdout}{done.stderr}"
    )


def test_mypy_finds_nothing():
    done = _run("mypy")  # what it checks, and how, is [tool.mypy] in pyproject.toml
    assert done.returncode == 0, f"mypy reports:\n{done.stdout}{done.stderr}"
