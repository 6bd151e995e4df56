"""The signed-in user's notifications."""
from __future__ import annotations

from ..auth import require_user
from ..extensions import Blueprint
from ..schemas.workshop import NotificationQuerySchema, NotificationSchema, ReadAllSchema
from ..services import notifications
from . import PREFIX

blp = Blueprint("notifications", __name__, url_prefix=PREFIX, description="Notifications")


@blp.get("/notifications")
@blp.arguments(NotificationQuerySchema, location="query")
@blp.response(200, NotificationSchema(many=True))
def list_notifications(query):
    """My notifications, newest first (``?unread=true`` for unread only)."""
    return notifications.list_mine(require_user(), query["unread"])


@blp.post("/notifications/<notification_id>/read")
@blp.response(200, NotificationSchema)
def mark_read(notification_id):
    """Mark one notification read."""
    return notifications.mark_read(require_user(), notification_id)


@blp.post("/notifications/read")
@blp.response(200, ReadAllSchema)
def mark_all_read():
    """Mark all my notifications read."""
    return {"marked": notifications.mark_all_read(require_user())}
