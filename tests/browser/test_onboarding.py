"""Two organisations that never used the board start on their own, in real browsers: a first account
makes an engagement, invites the other side by e-mail (read from a real SMTP server), the invitee
creates an account from the link and accepts, and both see each other live; forgot password; phones."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.api import PASSWORD, expect as api_expect
from tests.support.browser import PHONE, Browsers, page_width, screenshot
from tests.mailbox import link_in
from tests.realtime.harness import Server

NEW_PASSWORD = "a-long-new-password"


@pytest.fixture
def mail_server(database_url, tmp_path, mailbox):
    """``board serve`` sending e-mail to the test's SMTP server, with links to itself."""
    s = Server(database_url, tmp_path, mode="eventlet", BOARD_SMTP_URL=mailbox.url)
    s.env["BOARD_PUBLIC_URL"] = s.url
    yield s.start()
    s.kill()


@pytest.fixture
def people(browser, mail_server):
    b = Browsers(browser, mail_server)
    yield b
    b.close()


def sign_in(page, email: str, password: str = PASSWORD) -> None:
    page.goto("/signin")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def no_sideways_scroll(page) -> None:
    width = page_width(page)
    assert width <= page.viewport_size["width"], f"{page.url} is {width}px wide"


def test_an_admin_invites_by_email_and_the_invitee_joins_and_both_see_it_live(make_user, people, mailbox):
    make_user("ana@acme.example", "Ana Admin")
    ana = people.page()
    sign_in(ana, "ana@acme.example")
    expect(ana.get_by_role("heading", name="Welcome, Ana")).to_be_visible()
    ana.get_by_label("Engagement name").fill("Acme × Helpline")
    ana.get_by_label("Buyer organisation").fill("Acme Energy")
    ana.get_by_label("Provider organisation").fill("Helpline Services")
    ana.get_by_role("radio", name="Buyer").check()
    ana.get_by_role("button", name="Create engagement").click()
    expect(ana.get_by_role("heading", name="Initiatives", exact=True)).to_be_visible()
    expect(ana.get_by_role("heading", name=re.compile(r"Getting started · 0 of 6"))).to_be_visible()

    ana.get_by_role("link", name="Settings").click()
    expect(ana.get_by_role("heading", name="Settings", exact=True)).to_be_visible()
    ana.get_by_label("Email address").fill("Pat@Helpline.example")
    ana.get_by_label("Side").select_option("provider")
    ana.get_by_role("button", name="Send invitation").click()
    invitations = ana.get_by_role("region", name="Invitations")
    expect(invitations.get_by_text("pat@helpline.example")).to_be_visible()
    expect(invitations.get_by_text("E-mailed")).to_be_visible()
    screenshot(ana, "engagement-settings")

    message = mailbox.wait_for("pat@helpline.example")[0]
    assert message["Subject"] == "Ana Admin invites you to Acme × Helpline on Co-Learning Board"
    link = link_in(message, "/invite/")
    assert link.startswith(people.server.url)

    pat = people.page()
    pat.goto(link)
    expect(pat.get_by_role("heading", name="Join “Acme × Helpline”")).to_be_visible()
    expect(pat.get_by_text("Acme Energy").first).to_be_visible()
    expect(pat.get_by_text("Helpline Services").first).to_be_visible()
    expect(pat.get_by_text("Ana Admin").first).to_be_visible()
    expect(pat.get_by_role("heading", name="Create your account")).to_be_visible()
    screenshot(pat, "invitation")
    pat.get_by_label("Your name").fill("Pat Provider")
    pat.get_by_label("Password", exact=True).fill("password1234")
    pat.get_by_role("button", name="Create account and join").click()
    expect(pat.get_by_role("alert").or_(pat.get_by_text(re.compile("most used passwords")))).to_be_visible()
    pat.get_by_label("Password", exact=True).fill(NEW_PASSWORD)
    pat.get_by_role("button", name="Create account and join").click()
    expect(pat.get_by_role("heading", name="Initiatives", exact=True)).to_be_visible()
    expect(pat).to_have_url(re.compile(r"/e/[^/]+$"))

    # Ana's screen shows Pat as a member without a reload; Pat sees Ana
    members = ana.get_by_role("region", name="Members")
    expect(members.get_by_text("Pat Provider")).to_be_visible()
    invitations.get_by_text("Answered, revoked and expired").click()
    expect(invitations.get_by_text("Accepted")).to_be_visible()
    pat.get_by_role("link", name="Settings").click()
    expect(pat.get_by_role("region", name="Members").get_by_text("Ana Admin")).to_be_visible()
    expect(pat.get_by_role("heading", name="Invitations")).to_have_count(0)  # not an admin
    expect(ana.get_by_role("heading", name=re.compile(r"Getting started"))).to_have_count(0)  # on another screen
    ana.get_by_role("link", name="Initiatives").click()
    expect(ana.get_by_role("heading", name=re.compile(r"Getting started · 1 of 6"))).to_be_visible()
    assert not ana.errors and not pat.errors


def test_forgot_password_by_email_in_the_browser(world, people, mailbox):
    page = people.page()
    page.goto("/signin")
    page.get_by_role("link", name="Forgot password?").click()
    expect(page.get_by_role("heading", name="Reset your password")).to_be_visible()
    page.get_by_label("Email").fill("buyer@example.com")
    page.get_by_role("button", name="Send reset link").click()
    expect(page.get_by_role("status").filter(has_text="on its way")).to_be_visible()
    link = link_in(mailbox.wait_for("buyer@example.com")[0], "/reset-password?token=")

    page.goto(link)
    expect(page.get_by_role("heading", name="Choose a new password")).to_be_visible()
    page.get_by_label("New password").fill(NEW_PASSWORD)
    page.get_by_label("Confirm password").fill(NEW_PASSWORD + "x")
    page.get_by_role("button", name="Set new password").click()
    expect(page.get_by_role("alert")).to_have_text("The two passwords are not the same.")
    page.get_by_label("Confirm password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set new password").click()
    expect(page.get_by_role("heading", name="Initiatives", exact=True)).to_be_visible()
    # the link worked once
    again = people.page()
    again.goto(link)
    again.get_by_label("New password").fill("yet-another-password")
    again.get_by_label("Confirm password").fill("yet-another-password")
    again.get_by_role("button", name="Set new password").click()
    expect(again.get_by_role("heading", name="This reset link no longer works")).to_be_visible()


def test_a_member_accepts_a_pending_invitation_from_the_initiatives_screen(world, people):
    w = world
    api_expect(w.outsider.post(f"/engagements/{w.other_engagement}/invitations", {"email": "buyer@example.com",
                                                                          "side": "buyer"}), 201)
    page = people.page("buyer@example.com")
    page.goto(f"/e/{w.engagement}")
    banner = page.get_by_role("region", name=re.compile("invitation for you"))
    expect(banner).to_be_visible()
    banner.get_by_role("button", name="Accept the invitation to Claims").click()
    expect(page.get_by_role("heading", name="Initiatives", exact=True)).to_be_visible()
    expect(page.get_by_label("Engagement")).to_contain_text("Claims")


@pytest.mark.parametrize("screen", ["home", "account", "forgot-password", "settings", "invitation"])
def test_the_new_screens_fit_a_phone(world, people, screen):
    """390 px wide: no sideways scroll, and the main action within reach."""
    w = world
    if screen == "invitation":
        answer = api_expect(w.buyer_admin.post(f"/engagements/{w.engagement}/invitations", {
            "email": "fresh@partner.example", "side": "provider"}), 201)
        page, path = people.page(viewport=PHONE), "/invite/" + answer["link"].rsplit("/", 1)[1]
    elif screen == "forgot-password":
        page, path = people.page(viewport=PHONE), "/forgot-password"
    else:
        page = people.page("buyer_admin@example.com", viewport=PHONE)
        path = {"home": f"/e/{w.engagement}", "account": "/account", "settings": f"/e/{w.engagement}/settings"}[screen]
    page.goto(path)
    expect(page.locator("main h1").first).to_be_visible()
    no_sideways_scroll(page)
    action = {"home": "New initiative", "account": "Change password", "forgot-password": "Send reset link",
              "settings": "Send invitation", "invitation": "Create account and join"}[screen]
    button = page.get_by_role("button", name=action)
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] and box["height"] >= 44, (screen, box)
    if screen in ("settings", "invitation"):
        screenshot(page, f"phone-{screen}")
    assert not page.errors
