"""Photos in Chromium: attached from the capture screen (through the personal-data check), seen on
another member's board as a thumbnail, and larger in the card's drawer."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.support.gestures import card, email, open_board
from tests.support.photos import camera_jpeg

LINE = "Keeps the workaround on a sticky note"


def loaded(img) -> bool:
    """Whether an <img> shows pixels (it loaded, and was no broken image)."""
    return img.evaluate("i => i.complete && i.naturalWidth > 0")


def test_a_photo_attached_in_capture_shows_on_the_board_and_in_the_drawer(world, browsers, api):
    ini = world.initiative
    session = api(email("provider"))("POST", f"/initiatives/{ini}/shadowing-sessions", {"host": "Ann"}, expect=201)
    board = open_board(browsers.page(email("buyer")), ini)  # another member, watching live

    page = browsers.page(email("provider"))
    page.goto(f"/i/{ini}/capture?session={session['id']}")
    page.get_by_label("Capture observation").fill(LINE)
    page.keyboard.press("Enter")
    line = page.locator(".captured-item", has_text=LINE)
    expect(line).not_to_have_class(re.compile("pending"))
    chooser = line.get_by_label(f"Add a photo to “{LINE}”")
    expect(chooser).to_have_attribute("accept", "image/*")
    expect(chooser).to_have_attribute("capture", "environment")
    expect(line.locator("label", has_text="Photo")).to_be_visible()

    # not an image: the server's reason, and nothing attached
    chooser.set_input_files({"name": "notes.jpg", "mimeType": "image/jpeg", "buffer": b"not a picture at all"})
    expect(line.get_by_text("Personal data?")).to_be_visible()
    line.get_by_role("button", name="Add photo").click()
    expect(line.get_by_role("alert")).to_contain_text("not an image")

    chooser.set_input_files({"name": "note.jpg", "mimeType": "image/jpeg", "buffer": camera_jpeg()})
    expect(line.get_by_text("Personal data?")).to_be_visible()  # the warning comes before anything is sent
    line.get_by_role("button", name="Add photo").click()
    thumb = line.get_by_role("img", name=f"Photo for “{LINE}”")
    expect(thumb).to_be_visible()
    assert loaded(thumb)
    expect(line.get_by_role("alert")).to_have_count(0)

    # the other member's board shows it on the card, live
    on_board = card(board, LINE).get_by_role("img", name=f"Photo for “{LINE}”")
    expect(on_board).to_be_visible()
    board.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=on_board.element_handle())

    # the drawer shows it larger, with its author's name and (to its author) a way to remove it
    [obs] = api(email("provider"))("GET", f"/initiatives/{ini}/cards?kind=observation", expect=200)
    page.goto(f"/i/{ini}?card={obs['id']}")
    drawer = page.get_by_role("dialog")
    large = drawer.get_by_role("img", name=f"Photo for “{LINE}”")
    expect(large).to_be_visible()
    assert large.evaluate("i => i.getBoundingClientRect().height") > on_board.evaluate("i => i.getBoundingClientRect().height")
    expect(drawer.get_by_text("Added by Provider")).to_be_visible()
    drawer.get_by_role("button", name=f"Remove photo for “{LINE}”").click()
    drawer.get_by_role("group", name="Remove this photo?").get_by_role("button", name="Remove").click()

    # removed: gone from the drawer, from the other member's board, and for good
    expect(large).to_have_count(0)
    expect(on_board).to_have_count(0)
    assert api(email("buyer"))("GET", f"/cards/{obs['id']}", expect=200)["photos"] == []
    page.reload()
    expect(page.get_by_role("dialog").get_by_role("heading", name=LINE)).to_be_visible()
    expect(page.get_by_role("dialog").get_by_role("img", name=f"Photo for “{LINE}”")).to_have_count(0)
    assert page.errors == [] and board.errors == []
