from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from monitoring import access, views

urlpatterns = [
    path("", views.RoundsView.as_view(), name="index"),
    path("nove-kolo/", views.OpenRoundView.as_view(), name="open"),
    path("<int:round_id>/", views.RoundView.as_view(), name="round"),
    path("hlaseni/<int:report_id>/", views.ReportView.as_view(), name="report"),
]


@hooks.register("register_admin_urls")
def monitoring_urls():
    return [path("monitoring/", include((urlpatterns, "monitoring"), namespace="monitoring"))]


class MonitoringMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_report(request.user)


@hooks.register("register_admin_menu_item")
def monitoring_menu_item():
    return MonitoringMenuItem(
        _("Monitoring"), reverse("monitoring:index"), icon_name="tasks", order=260
    )


@hooks.register("register_log_actions")
def monitoring_log_actions(actions):
    actions.register_action(
        "kpss.monitoring.submit", _("Odesláno ke kontrole"), _("Hlášení odesláno ke kontrole")
    )
    actions.register_action(
        "kpss.monitoring.approve", _("Schváleno"), _("Hlášení schváleno manažerským týmem")
    )
    actions.register_action("kpss.monitoring.return", _("Vráceno"), _("Hlášení vráceno k doplnění"))
