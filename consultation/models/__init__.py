from .comments import Channel, Comment, CommentQuerySet
from .consultation import ConsultationPage, SettlingBody
from .settlement import Outcome, SettlementPage, SettlementRow

__all__ = [
    "Channel",
    "Comment",
    "CommentQuerySet",
    "ConsultationPage",
    "Outcome",
    "SettlementPage",
    "SettlementRow",
    "SettlingBody",
]
