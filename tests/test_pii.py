"""Personal data in text (``board.pii``): the cases shared with the web app's ``lib/pii.ts``."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from board import pii

VECTORS = json.loads((Path(__file__).parent / "vectors" / "pii.json").read_text())


def test_national_numbers_are_read_as_the_vectors_region():
    assert pii.REGION == VECTORS["region"]


@pytest.mark.parametrize("case", VECTORS["cases"], ids=[c["text"] for c in VECTORS["cases"]])
def test_mask(case):
    assert pii.mask(case["text"]) == (case["masked"], case["found"])
    assert pii.find(case["text"]) == case["found"]
