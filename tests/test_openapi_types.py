"""The web app's generated API types (frontend/src/api/schema.ts) match the server's OpenAPI document."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.support.browser import ROOT

FRONTEND = ROOT / "frontend"
COMMITTED = FRONTEND / "src" / "api" / "schema.ts"


def test_the_committed_api_types_are_generated_from_the_current_document(tmp_path):
    node = shutil.which("node")
    if not node or not (FRONTEND / "node_modules" / "openapi-typescript").is_dir():
        pytest.skip("frontend/node_modules is missing (run `make frontend`): cannot regenerate the API types")
    fresh = tmp_path / "schema.ts"
    run = subprocess.run([node, "scripts/gen-api.mjs", "--out", str(fresh)], cwd=FRONTEND, capture_output=True,
                         text=True, timeout=120, env={**os.environ, "PYTHON": sys.executable})
    assert run.returncode == 0, run.stdout + run.stderr
    assert fresh.read_text() == COMMITTED.read_text(), (
        "frontend/src/api/schema.ts is stale: run `cd frontend && npm run gen:api` and commit it")
