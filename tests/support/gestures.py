"""What browser tests do on the board page: open it live, find a card, drag one."""
from __future__ import annotations

from playwright.sync_api import expect


def email(persona: str) -> str:
    return f"{persona}@example.com"


def open_board(page, initiative: str):
    page.goto(f"/i/{initiative}")
    expect(page.get_by_role("status", name="Connection: Live")).to_be_visible()
    return page


def card(page, text: str):
    return page.locator("article.card:not(.overlay)", has_text=text)


def drag(page, source, target, dy: float = 0):
    """A real pointer drag (dnd-kit needs a few moves past its 6px activation distance)."""
    source.scroll_into_view_if_needed()
    s = source.bounding_box()
    t = target.bounding_box()
    # the middle of the card: its top row holds the hover actions, which a drag never starts from
    page.mouse.move(s["x"] + s["width"] / 2, s["y"] + s["height"] / 2)
    page.mouse.down()
    page.mouse.move(s["x"] + s["width"] / 2 + 12, s["y"] + 30, steps=4)
    t = target.bounding_box()  # where the target is once the drag has started (the layout may shift)
    tx, ty = t["x"] + t["width"] / 2, t["y"] + (dy if dy else min(40, t["height"] / 2))
    page.mouse.move(tx, ty, steps=12)
    page.mouse.move(tx + 2, ty + 2, steps=2)
    page.mouse.up()
    expect(page.locator("article.card.overlay")).to_have_count(0)
