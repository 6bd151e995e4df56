"""A KPI's current value (its latest measurement) in the sponsor report (HTML and PDF) and the quarterly
review (JSON and HTML): baseline → current → target, with a trend line from two measurements on."""
from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

from pypdf import PdfReader

from board.services.kpis import list_kpis
from board.services.reports import kpi_rows
from board.services.review import quarter_bounds, quarter_of
from tests.support.api import expect
from tests.support.kpis import concluded_with, text_of


def kpi_with_measurements(world, *values_days_ago):
    kpi = expect(world.buyer.post(f"/initiatives/{world.initiative}/kpis", {
        "name": "Handle time", "unit": "min", "baseline": 9.5, "target": 6}), 201)
    now = datetime.now(timezone.utc)
    for value, days in values_days_ago:
        expect(world.provider.post(f"/kpis/{kpi['id']}/measurements", {
            "value": value, "measured_at": (now - timedelta(days=days)).isoformat()}), 201)
    return kpi


def test_the_report_shows_baseline_current_target_and_a_trend(world):
    kpi_with_measurements(world, (8.75, 3), (7.25, 1))
    html = world.viewer.get(f"/initiatives/{world.initiative}/report").get_data(as_text=True)
    text = text_of(html)
    assert "Handle time min 9.5 7.25" in text and "6" in text  # KPI, unit, baseline, current, target
    assert 'class="sparkline"' in html and "Handle time: the last 2 measurements" in html
    pdf = PdfReader(io.BytesIO(world.viewer.get(f"/initiatives/{world.initiative}/report.pdf").get_data()))
    pdf_text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert "Current" in pdf_text and "7.25" in pdf_text


def test_one_measurement_is_current_without_a_trend_and_none_is_not_measured(world):
    kpi_with_measurements(world, (8.0, 0))
    expect(world.buyer.post(f"/initiatives/{world.initiative}/kpis", {"name": "Calls per case"}), 201)
    html = world.viewer.get(f"/initiatives/{world.initiative}/report").get_data(as_text=True)
    text = text_of(html)
    assert "9.5 8 " in text and "one measurement" in text and "not measured" in text
    assert 'class="sparkline"' not in html


def test_the_review_shows_each_kpi_as_measured_by_the_quarter_s_end(world, app):
    now = datetime.now(timezone.utc)
    start, _ = quarter_bounds(quarter_of(now))
    days_into = (now - start).days
    # two measurements before this quarter, one in it
    kpi_with_measurements(world, (9.0, days_into + 40), (8.5, days_into + 20), (7.0, 0))
    review = expect(world.viewer.get(f"/engagements/{world.engagement}/review"), 200)
    [k] = review["initiatives"][0]["kpis"]
    assert (k["name"], k["unit"], k["baseline"], k["target"], k["current"]["value"]) == ("Handle time", "min", 9.5, 6, 7.0)
    assert [m["value"] for m in k["measurements"]] == [9.0, 8.5, 7.0]
    html = world.viewer.get(f"/engagements/{world.engagement}/review.html").get_data(as_text=True)
    assert "KPIs: baseline → current → target" in html and "Handle time: the last 3 measurements" in html
    # a review as of an earlier moment leaves out what was measured later
    with app.app_context():
        [row] = kpi_rows(list_kpis(world.initiative), at=now - timedelta(days=days_into + 10))
        assert row["current"].value == 8.5 and [m.value for m in row["measurements"]] == [9.0, 8.5]


def test_a_published_learning_names_the_measurement_that_decided_it(world):
    kpi = kpi_with_measurements(world, (7.25, 0))
    [m] = expect(world.buyer.get(f"/kpis/{kpi['id']}/measurements"), 200)
    card = concluded_with(world, measurement_id=m["id"])
    expect(world.provider.patch(f"/cards/{card['id']}", {"version": card["version"], "published": True}), 200)
    day = m["measured_at"][:10]
    text = text_of(world.viewer.get(f"/initiatives/{world.initiative}/report").get_data(as_text=True))
    assert f"Decided by Handle time: 7.25 min ({day})" in text
    pdf = PdfReader(io.BytesIO(world.viewer.get(f"/initiatives/{world.initiative}/report.pdf").get_data()))
    assert f"Handle time: 7.25 min ({day})" in " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
