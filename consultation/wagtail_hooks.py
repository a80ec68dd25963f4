import datetime

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton

from consultation import access, admin_views, settle_view, settling
from consultation.models import Comment, ConsultationPage


class CommentIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        """The settlement screen of each consultation whose comments the user settles."""
        user = self.request.user
        if not settling.may_settle(user):
            return []
        consultations = ConsultationPage.objects.filter(
            pk__in=access.visible_comments(user, Comment.objects.all()).values("consultation")
        ).order_by("-first_published_at", "-pk")
        return [
            HeaderButton(
                _("Vypořádat: %(title)s") % {"title": consultation.title},
                url=reverse("consultation_settle", args=[consultation.pk]),
                icon_name="tasks",
            )
            for consultation in consultations[:3]
        ]

    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("consultation", "target_chapter")
        return access.visible_comments(self.request.user, queryset)


class CommentInspectView(InspectView):
    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return "–"
        if isinstance(value, bool):
            return _("ano") if value else _("ne")
        if isinstance(value, datetime.datetime):
            return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
        return value

    def get_object(self, queryset=None):
        comment = super().get_object(queryset)
        if not access.visible_comments(self.request.user, Comment.objects.filter(pk=comment.pk)):
            raise PermissionDenied
        return comment


class CommentViewSet(ModelViewSet):
    model = Comment
    icon = "comment"
    menu_label = _("Připomínky")
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = CommentIndexView
    inspect_view_class = CommentInspectView
    inspect_view_enabled = True
    form_fields = ["text"]  # required by ModelViewSet; the policy refuses every edit
    list_display = [
        "reference",
        Column("target_label", label=_("K části návrhu")),
        Column("excerpt", label=_("Text")),
        "name",
        Column("get_channel_display", label=_("Způsob podání")),
        "received_at",
    ]
    list_filter = ["consultation", "channel", "role", "received_at"]
    search_fields = ["name", "organisation", "text", "target_label"]
    inspect_view_fields = [
        "consultation",
        "reference",
        "target_label",
        "channel",
        "received_at",
        "entered_by",
        *Comment.SENDER_FIELDS,
        "confirmed_at",
    ]
    ordering = ["-received_at"]


@hooks.register("register_admin_viewset")
def register_comments():
    return CommentViewSet("pripominky")


@hooks.register("register_admin_urls")
def staff_comment_urls():
    return [
        path(
            "pripominky/zapsat/<int:consultation_id>/",
            admin_views.AddCommentView.as_view(),
            name="consultation_add_comment",
        ),
        path(
            "pripominky/vyporadani/<int:consultation_id>/",
            settle_view.SettleView.as_view(),
            name="consultation_settle",
        ),
    ]


@hooks.register("register_page_header_buttons")
def add_comment_button(page, user, view_name, next_url=None):
    from wagtail.admin.widgets import Button

    if not isinstance(page.specific_deferred, ConsultationPage):
        return
    if access.may_enter(user):
        yield Button(
            _("Zapsat připomínku"),
            reverse("consultation_add_comment", args=[page.pk]),
            icon_name="comment",
            priority=60,
        )
    if settling.may_settle(user):
        yield Button(
            _("Vypořádat připomínky"),
            reverse("consultation_settle", args=[page.pk]),
            icon_name="tasks",
            priority=61,
        )


@hooks.register("before_delete_page")
def keep_consultations_with_comments(request, page):
    """Comments are records of the consultation: a page that has them is never deleted."""
    from django.contrib import messages
    from django.shortcuts import redirect

    if isinstance(page.specific, ConsultationPage) and page.specific.comments.exists():
        messages.error(
            request,
            _("Připomínkování „%(title)s“ má připomínky, proto je nelze smazat.")
            % {"title": page.title},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("register_gdpr_collectors")
def consultation_collectors():
    from consultation.privacy import ConsultationCollector

    return [ConsultationCollector()]
