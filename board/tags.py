"""``#tags`` in card text: found (as the web app finds them) and taken out for quoting."""
from __future__ import annotations

import re

TAG = re.compile(r"(?<![\w&])#([\w][\w-]{0,39})")


def tags_of(text: str) -> list[str]:
    """The ``#tags`` of a text, lower-cased, in order, once each."""
    return list(dict.fromkeys(t.lower() for t in TAG.findall(text or "")))


def without_tags(text: str) -> str:
    """The text with its ``#tags`` taken out and its spaces collapsed (for quoting it to a reader)."""
    return " ".join(TAG.sub("", text or "").split())
