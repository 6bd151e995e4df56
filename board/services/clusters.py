"""Clusters: cards grouped under a label on a board."""
from __future__ import annotations

from sqlalchemy import select, update

from ..db import session, utcnow
from ..models import Card, Cluster, Initiative, User
from ..permissions import scoped
from .events import record


def _view(c: Cluster) -> dict:
    return {"id": c.id, "initiative_id": c.initiative_id, "label": c.label, "created_at": c.created_at}


def list_clusters(actor: User, initiative_id: str) -> list[dict]:
    """A board's clusters, oldest first."""
    scoped(actor, Initiative, initiative_id)
    return [_view(c) for c in session.scalars(select(Cluster).where(Cluster.initiative_id == initiative_id)
                                              .order_by(Cluster.created_at))]


def create_cluster(actor: User, initiative_id: str, label: str) -> dict:
    """A new, empty cluster; cards join it with a card PATCH ``{cluster_id}``."""
    initiative, _ = scoped(actor, Initiative, initiative_id, write=True)
    cluster = Cluster(engagement_id=initiative.engagement_id, initiative_id=initiative.id, label=label.strip(),
                      created_at=utcnow())
    session.add(cluster)
    session.flush()
    record(actor, cluster.engagement_id, cluster.initiative_id, "cluster.created", _view(cluster))
    return _view(cluster)


def rename_cluster(actor: User, cluster_id: str, label: str) -> dict:
    """Relabel a cluster."""
    cluster, _ = scoped(actor, Cluster, cluster_id, write=True)
    cluster.label = label.strip()
    session.flush()
    record(actor, cluster.engagement_id, cluster.initiative_id, "cluster.updated", _view(cluster))
    return _view(cluster)


def delete_cluster(actor: User, cluster_id: str) -> None:
    """Dissolve a cluster; its cards stay on the board, unclustered."""
    cluster, _ = scoped(actor, Cluster, cluster_id, write=True)
    members = list(session.scalars(select(Card.id).where(Card.cluster_id == cluster.id)))
    session.execute(update(Card).where(Card.cluster_id == cluster.id).values(cluster_id=None)
                    .execution_options(synchronize_session="fetch"))
    session.delete(cluster)
    session.flush()
    record(actor, cluster.engagement_id, cluster.initiative_id, "cluster.deleted",
           {"id": cluster.id, "cards": members})
