from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from privacy.base import ERASED_ACTION


@hooks.register("register_log_actions")
def register_erasure_action(actions):
    # Written by `kpss_gdpr_erase`; registered so the history views and the audit list name it.
    actions.register_action(
        ERASED_ACTION,
        _("Osobní údaje vymazány"),
        _("Osobní údaje vymazány na žádost subjektu údajů"),
    )
