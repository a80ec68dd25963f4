from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from accounts import enrolment


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse("accounts:manage"),
        "label": _("Dvoufázové ověření"),
        "help_text": _("Ověřovací aplikace a záložní kódy pro přihlášení."),
    }


@hooks.register("register_gdpr_collectors")
def sign_in_collectors():
    from accounts.privacy import SecondFactorCollector, SessionCollector, SignInAttemptCollector

    return [SessionCollector(), SignInAttemptCollector(), SecondFactorCollector()]


class EnrolmentCodeMenuItem(MenuItem):
    def is_shown(self, request):
        return enrolment.may_issue(request.user)


@hooks.register("register_settings_menu_item")
def enrolment_code_menu_item():
    return EnrolmentCodeMenuItem(
        _("Kódy pro párování"),
        reverse("accounts:enrolment_code"),
        icon_name="key",
        order=650,
    )


@hooks.register("register_user_listing_buttons")
def enrolment_code_button(user, request_user):
    if not enrolment.may_issue_for(request_user, user):
        return []
    url = f"{reverse('accounts:enrolment_code')}?{urlencode({'uzivatel': user.pk})}"
    return [Button(_("Vydat kód pro párování"), url, icon_name="key", priority=60)]
