"""KPIs in Chromium: a measurement recorded in the KPI panel shows as current on every open board, KPIs are
edited (withdrawing both agreements) and deleted, and numbers are read the way the browser's locale writes them."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.support.gestures import email, open_board


def kpi_panel(page):
    page.get_by_role("button", name="KPIs").click()
    return page.locator(".side-panel", has=page.get_by_role("heading", name="KPIs"))


def add_kpi(panel, name: str, baseline: str, target: str) -> None:
    """Fill the panel's new-KPI form as a person types it, and send it."""
    panel.get_by_role("button", name="Add KPI").click()
    panel.get_by_label("KPI name").fill(name)
    panel.get_by_label("Baseline").fill(baseline)
    panel.get_by_label("Target").fill(target)
    panel.get_by_role("button", name="Add KPI").click()


def test_a_measurement_shows_as_current_and_kpis_are_edited_and_deleted(world, browsers, api):
    buyer_api = api(email("buyer"))
    kpi = buyer_api("POST", f"/initiatives/{world.initiative}/kpis",
                    {"name": "Handle time", "unit": "min", "baseline": 10, "target": 6}, expect=201)
    provider = open_board(browsers.page(email("provider")), world.initiative)
    buyer = open_board(browsers.page(email("buyer")), world.initiative)
    panel, watching = kpi_panel(provider), kpi_panel(buyer)
    row = panel.get_by_role("listitem", name="KPI Handle time")
    expect(row).to_contain_text("10 → not measured → 6 min")

    # record a value: current on this board and, live, on the other
    row.get_by_role("button", name="Record a value of Handle time").click()
    row.get_by_label("Value (min)").fill("8.5")
    row.get_by_label("Note (optional)").fill("first week")
    row.get_by_role("button", name="Record", exact=True).click()
    for p in (panel, watching):
        expect(p.get_by_role("listitem", name="KPI Handle time").locator(".kpi-values")).to_have_text("10 → 8.5 → 6 min")
    expect(watching.locator("svg.sparkline")).to_have_count(0)  # one measurement: no trend yet
    row.get_by_role("button", name="Record a value of Handle time").click()
    row.get_by_label("Value (min)").fill("7")
    row.get_by_role("button", name="Record", exact=True).click()
    expect(watching.get_by_role("listitem", name="KPI Handle time").locator(".kpi-values")).to_have_text("10 → 7 → 6 min")
    expect(watching.get_by_role("img", name="Handle time over its last 2 measurements")).to_be_visible()
    [k] = buyer_api("GET", f"/initiatives/{world.initiative}/kpis", expect=200)
    assert k["current"]["value"] == 7 and k["measurement_count"] == 2 and k["measurements"][0]["note"] == "first week"

    # edit: the form says that saving withdraws both agreements, and it does
    buyer_api("POST", f"/initiatives/{world.initiative}/kpis/agree", expect=200)
    api(email("provider"))("POST", f"/initiatives/{world.initiative}/kpis/agree", expect=200)
    expect(watching.locator(".agreement-banner")).to_contain_text("Both sides agree")
    mine = watching.get_by_role("listitem", name="KPI Handle time")
    mine.get_by_role("button", name="Edit Handle time").click()
    expect(mine).to_contain_text("withdraws both sides' agreement")
    expect(mine.get_by_label("Target")).to_have_value("6")
    mine.get_by_label("Target").fill("5")
    mine.get_by_role("button", name="Save KPI").click()
    for p in (panel, watching):
        expect(p.get_by_role("listitem", name="KPI Handle time").locator(".kpi-values")).to_have_text("10 → 7 → 5 min")
        expect(p.locator(".agreement-banner")).not_to_contain_text("Both sides agree")
    assert buyer_api("GET", f"/initiatives/{world.initiative}/kpis", expect=200)[0]["target"] == 5

    # delete, after a confirmation that says what goes with it
    mine.get_by_role("button", name="Delete Handle time").click()
    dialog = buyer.get_by_role("dialog", name="Delete the KPI “Handle time”?")
    expect(dialog).to_contain_text("Its 2 measurements go with it")
    dialog.get_by_role("button", name="Cancel").click()
    expect(watching.get_by_role("listitem", name="KPI Handle time")).to_be_visible()
    mine.get_by_role("button", name="Delete Handle time").click()
    buyer.get_by_role("dialog").get_by_role("button", name="Delete KPI").click()
    for p in (panel, watching):
        expect(p.get_by_role("listitem", name="KPI Handle time")).to_have_count(0)
        expect(p).to_contain_text("No KPIs yet.")
    assert buyer_api("GET", f"/initiatives/{world.initiative}/kpis", expect=200) == []
    assert buyer.errors == [] and provider.errors == [] and kpi["id"]


def test_numbers_are_read_by_the_browser_locale(world, browsers, api):
    buyer_api = api(email("buyer"))
    german = open_board(browsers.page(email("buyer"), locale="de-DE"), world.initiative)
    panel = kpi_panel(german)
    add_kpi(panel, "Kosten pro Fall", "2,6", "1.500")
    expect(panel.get_by_role("listitem", name="KPI Kosten pro Fall").locator(".kpi-values")).to_have_text(
        "2,6 → not measured → 1.500")
    [k] = buyer_api("GET", f"/initiatives/{world.initiative}/kpis", expect=200)
    assert (k["baseline"], k["target"]) == (2.6, 1500)

    # in English "2,6" could be 2.6 or 26: refused, naming the field, and nothing is stored
    english = open_board(browsers.page(email("provider"), locale="en-US"), world.initiative)
    panel = kpi_panel(english)
    add_kpi(panel, "Calls per case", "2,6", "1 500")
    expect(panel.get_by_role("alert")).to_contain_text(re.compile(r'^Baseline: "2,6" is not a number'))
    assert len(buyer_api("GET", f"/initiatives/{world.initiative}/kpis", expect=200)) == 1
    panel.get_by_label("Baseline").fill("2.6")
    panel.get_by_role("button", name="Add KPI").click()
    expect(panel.get_by_role("listitem", name="KPI Calls per case").locator(".kpi-values")).to_have_text(
        "2.6 → not measured → 1,500")
    assert [(k["baseline"], k["target"]) for k in buyer_api("GET", f"/initiatives/{world.initiative}/kpis")] == [
        (2.6, 1500), (2.6, 1500)]

    # an amount typed as people type it: '1,500' approves 1500
    exp = api(email("provider"))("POST", f"/initiatives/{world.initiative}/cards",
                                 {"kind": "experiment", "title": "Payday due dates"}, expect=201)
    req = api(email("provider"))("POST", f"/cards/{exp['id']}/budget-requests",
                                 {"amount": 2000, "currency": "GBP"}, expect=201)
    sponsor = browsers.page(email("sponsor"), locale="en-GB")
    sponsor.goto(f"/e/{world.engagement}/inbox")
    request = sponsor.locator("li.request", has_text="£2,000")
    request.get_by_label("Amount to approve (GBP)").fill("1,50")
    request.get_by_role("button", name="Approve").click()
    expect(request.get_by_role("alert")).to_contain_text("Amount to approve:")
    request.get_by_label("Amount to approve (GBP)").fill("1,500")
    request.get_by_role("button", name="Approve £1,500").click()
    expect(sponsor.locator(".decided li.request")).to_contain_text("Approved £1,500 of £2,000")
    decided = next(r for r in api(email("sponsor"))("GET", f"/engagements/{world.engagement}/budget-requests")
                   if r["id"] == req["id"])
    assert decided["approved_amount"] == 1500
    assert german.errors == [] and english.errors == [] and sponsor.errors == []
