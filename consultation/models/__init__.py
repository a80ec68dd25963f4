from .comments import Channel, Comment, CommentQuerySet
from .consultation import ConsultationPage, SettlingBody

__all__ = ["Channel", "Comment", "CommentQuerySet", "ConsultationPage", "SettlingBody"]
