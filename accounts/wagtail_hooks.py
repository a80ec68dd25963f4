from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse("accounts:manage"),
        "label": _("Dvoufázové ověření"),
        "help_text": _("Ověřovací aplikace a záložní kódy pro přihlášení."),
    }


@hooks.register("register_gdpr_collectors")
def sign_in_collectors():
    from accounts.gdpr import SecondFactorCollector, SignInAttemptCollector

    return [SignInAttemptCollector(), SecondFactorCollector()]
