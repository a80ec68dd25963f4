from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    """Wagtail 8.0 redeclares the password field without a label, so Django shows the field's
    name, "Password", untranslated (WAGTAILADMIN_USER_LOGIN_FORM)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Heslo")


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Kód"),
        max_length=16,
        help_text=_("Šestimístný kód z ověřovací aplikace, nebo jeden ze záložních kódů."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


class EnrolmentCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Kód pro párování"),
        max_length=32,
        help_text=_("Dvanáct znaků, které vám předal správce, např. ABCD-EFGH-JKMN."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "autofocus": True}
        ),
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        name = user.get_full_name()
        return f"{name} ({user.get_username()})" if name else user.get_username()


class IssueEnrolmentCodeForm(forms.Form):
    uzivatel = PersonChoiceField(label=_("Uživatel"), queryset=None)

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["uzivatel"].queryset = users
