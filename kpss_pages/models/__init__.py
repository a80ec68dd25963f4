from .action_plan import ActionPlanPage
from .base import BasePage, SiteSettings
from .home import DocumentIndexPage, HomePage, StandardPage
from .legal import AccessibilityStatementPage
from .news import NewsIndexPage, NewsPage
from .plan import CommunityPlanPage, PlanChapterPage, number_hierarchy
from .reference import (
    AgeCategory,
    FormOfProvision,
    Municipality,
    Organisation,
    ServiceCategory,
    ServiceKind,
    TargetGroup,
    TriadRole,
)
from .service_links import MeasureServiceLink, sync_service_links
from .services import ServiceIndexPage, ServicePage, ServicePlace
from .working_groups import MeetingPage, WorkingGroupIndexPage, WorkingGroupMember, WorkingGroupPage

__all__ = [
    "AccessibilityStatementPage",
    "ActionPlanPage",
    "AgeCategory",
    "BasePage",
    "CommunityPlanPage",
    "DocumentIndexPage",
    "FormOfProvision",
    "HomePage",
    "MeetingPage",
    "MeasureServiceLink",
    "Municipality",
    "NewsIndexPage",
    "NewsPage",
    "Organisation",
    "PlanChapterPage",
    "ServiceCategory",
    "ServiceIndexPage",
    "ServiceKind",
    "ServicePage",
    "ServicePlace",
    "SiteSettings",
    "StandardPage",
    "TargetGroup",
    "TriadRole",
    "WorkingGroupIndexPage",
    "WorkingGroupMember",
    "WorkingGroupPage",
    "number_hierarchy",
    "sync_service_links",
]
