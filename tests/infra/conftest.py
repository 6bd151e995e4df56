"""Run a scenario of tests/infra/scenarios.py under eventlet, in a process of its own."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def green(tmp_path):
    """``green(name)``: the JSON a scenario printed, run over a fresh SQLite path in ``tmp_path``."""

    def run(name: str) -> dict:
        done = subprocess.run([sys.executable, "-m", "tests.infra.scenarios", name, str(tmp_path / "board.db")],
                              cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout.strip().splitlines()[-1])

    return run
