"""Comparing exported documents and counting rows, for the export/import tests."""
from __future__ import annotations

from sqlalchemy import func, select

from board.db import session
from board.models import (
    AccessGrant, BudgetRequest, Card, CardLink, Cluster, Comment, Decision, Event, Initiative, Kpi,
    KpiAgreement, KpiMeasurement, ShadowingSession, Spend, User,
)

SECTIONS = ("kpis", "kpi_agreements", "kpi_measurements", "access_grants", "shadowing_sessions", "clusters", "cards", "comments",
            "budget_requests", "spend")


def document_ids(doc: dict) -> set[str]:
    """Every id a document defines: people, the initiative, its engagement and every row."""
    ids = {p["id"] for p in doc["people"]} | {doc["initiative"]["id"], doc["initiative"]["engagement_id"]}
    for section in SECTIONS:
        ids |= {row["id"] for row in doc[section]}
    ids |= {r["decision"]["id"] for r in doc["budget_requests"] if r["decision"]}
    return ids


def canonical(doc: dict) -> dict:
    """``doc`` with each of its ids replaced by ``#n``, n being the order of first appearance."""
    known, names = document_ids(doc), {}

    def walk(value):
        if isinstance(value, str):
            return names.setdefault(value, f"#{len(names) + 1}") if value in known else value
        if isinstance(value, dict):
            return {walk(k): walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    return walk(doc)


def counts() -> dict[str, int]:
    """Rows per table (to prove that a failed import wrote nothing)."""
    models = (User, Initiative, Kpi, KpiAgreement, KpiMeasurement, AccessGrant, ShadowingSession, Cluster, Card, CardLink, Comment,
              BudgetRequest, Decision, Spend, Event)
    return {m.__tablename__: session.scalar(select(func.count()).select_from(m)) for m in models}
