"""Typed SQLAlchemy models, one module per aggregate."""
from .budget import BudgetRequest, Decision, Spend
from .card import Card, CardLink, Cluster, Comment
from .engagement import Engagement, Membership
from .event import Event
from .initiative import AccessGrant, Initiative, Kpi, KpiAgreement, KpiMeasurement
from .invitation import Invitation
from .library import LibraryEntry
from .mail import OutboundMail
from .notification import Notification
from .ops import ProcessedOp
from .photo import Photo
from .shadowing import ShadowingSession
from .user import ApiToken, AuthSession, PasswordReset, User
from .workshop import Vote, VotingRound, Workshop, WorkshopTemplate

__all__ = [
    "AccessGrant", "ApiToken", "AuthSession", "BudgetRequest", "Card", "CardLink", "Cluster",
    "Comment", "Decision", "Engagement", "Event", "Initiative", "Invitation", "Kpi", "KpiAgreement", "KpiMeasurement", "LibraryEntry",
    "Membership", "Notification", "OutboundMail", "PasswordReset", "Photo", "ProcessedOp", "ShadowingSession", "Spend", "User", "Vote", "VotingRound", "Workshop", "WorkshopTemplate",
]
