"""Helpers every service uses: version checks, applying validated changes, a card's one-line title."""
from __future__ import annotations

from typing import Any, Callable

from ..errors import Conflict


def check_version(obj: Any, version: int, dump: Callable[[Any], dict]) -> None:
    """409 with the current state when the client's ``version`` is stale."""
    if version != obj.version:
        raise Conflict(
            f"This was changed by someone else (you had version {version}, it is now {obj.version}).",
            current=dump(obj), code="stale_version",
        )


def apply(obj: Any, changes: dict) -> dict:
    """Set ``changes`` on ``obj``; return only the fields whose value really changed."""
    changed = {}
    for key, value in changes.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
            changed[key] = value
    return changed


TITLE_CHARS = 80


def card_title(card: Any) -> str:
    """A card's title, or the start of an observation's text."""
    if card.title:
        return card.title
    text = " ".join((card.text or "").split())
    return text if len(text) <= TITLE_CHARS else text[:TITLE_CHARS - 1] + "…"
