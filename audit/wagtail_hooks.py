from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.widgets import ListingButton

from audit.views import RecordHistoryView, may_read_history


@hooks.register("register_admin_urls")
def register_record_history_url():
    return [
        path(
            "historie-zaznamu/<str:app_label>/<str:model_name>/<str:pk>/",
            RecordHistoryView.as_view(),
            name="kpss_record_history",
        )
    ]


@hooks.register("register_snippet_listing_buttons")
def record_history_button(snippet, user, next_url=None):
    model = type(snippet)
    if hasattr(model, "history") and may_read_history(user, model):
        opts = model._meta
        yield ListingButton(
            _("Historie změn polí"),
            reverse("kpss_record_history", args=(opts.app_label, opts.model_name, snippet.pk)),
            icon_name="history",
            priority=90,
        )
