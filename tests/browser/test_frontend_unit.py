"""The web app's Vitest suite (event/seq application, #tag parsing, conflict merging, positions),
run from pytest so `make test` runs it too."""
from __future__ import annotations

import os
import shutil
import subprocess

from tests.support.browser import ROOT
from tests.support.services import missing_service

FRONTEND = ROOT / "frontend"


def test_vitest_suite_passes():
    npm = shutil.which("npm")
    if not npm:
        missing_service("npm", "not on PATH; install Node 20+")
    if not (FRONTEND / "node_modules" / ".bin" / "vitest").exists():
        missing_service("frontend/node_modules", "run `make frontend` (npm ci) first")
    run = subprocess.run([npm, "test", "--", "--run"], cwd=FRONTEND, capture_output=True, text=True, timeout=300,
                         env={**os.environ, "CI": "1", "NO_COLOR": "1", "FORCE_COLOR": "0"})
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-4000:]
    assert " passed" in output and " failed" not in output, output[-4000:]
