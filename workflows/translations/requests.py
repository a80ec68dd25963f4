"""Requesting a translation: only into configured languages, by someone who may edit the source."""

from django.contrib import messages
from django.utils.translation import gettext as _

from wagtail_localize.views import (
    submit_translations,
)

from workflows.drafts import discloses_draft
from workflows.translations.access import can_edit, configured_locales, refuse


class TranslationRequestForm(submit_translations.SubmitTranslationForm):
    """wagtail-localize's form with Czech refusals and configured languages only."""

    def __init__(self, instance, *args, **kwargs):
        super().__init__(instance, *args, **kwargs)
        field = self.fields["locales"]
        field.queryset = field.queryset.filter(pk__in=configured_locales())
        message = _(
            "Jazyk %(value)s není na webu nastaven, nebo do něj už tato položka přeložena je."
        )
        field.error_messages.update(
            invalid_choice=message,
            invalid_pk_value=message.replace("%(value)s", "%(pk)s"),
            required=_("Vyberte alespoň jeden jazyk překladu."),
        )


class GuardedSubmission:
    """Edit rights on what is translated (and on parents that would be created with it)."""

    def get_form(self):
        if self.request.method == "POST":
            return TranslationRequestForm(self.object, self.request.POST)
        form = TranslationRequestForm(self.object)
        code = self.request.GET.get("select_locale")
        if code:
            locale = form.fields["locales"].queryset.filter(language_code=code).first()
            if locale:
                form.initial = {"locales": [locale]}
            else:
                messages.error(
                    self.request,
                    _("Jazyk „%(code)s“ není na webu nastaven, nebo do něj už přeloženo je.")
                    % {"code": code},
                )
        return form

    def refusal(self, request):
        return None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtail_localize.submit_translation"):
            return refuse(request, _("Nemáte oprávnění zadávat překlady."))
        self.object = self.get_object()
        message = self.refusal(request)
        if message:
            return refuse(request, message)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, **kwargs):
        form = self.get_form()
        if form.is_valid():
            message = self.refusal_for(request, form.cleaned_data)
            if message:
                return refuse(request, message)
        return super().post(request, **kwargs)

    def refusal_for(self, request, data):
        return None


class SubmitPageTranslationView(GuardedSubmission, submit_translations.SubmitPageTranslationView):
    def refusal(self, request):
        if not can_edit(request.user, self.object):
            if discloses_draft(self.object, request.user):
                return _("Tuto stránku nemůžete upravovat, a proto ani zadat její překlad.")
            return _("Stránku „%(title)s“ nemůžete upravovat, a proto ani zadat její překlad.") % {
                "title": self.object.get_admin_display_title()
            }
        return None

    def refusal_for(self, request, data):
        user = request.user
        page = self.object
        for locale in data["locales"]:
            if page.get_translations().filter(locale=locale).exists():
                return _("Stránka už v jazyce %(locale)s existuje.") % {
                    "locale": locale.get_display_name()
                }
            # Parents missing in the target language would be created along with the page.
            for ancestor in page.get_ancestors()[1:]:
                if ancestor.get_translations().filter(locale=locale).exists():
                    continue
                if not can_edit(user, ancestor.specific):
                    return _(
                        "Nadřazená stránka „%(parent)s“ ještě není přeložena do jazyka "
                        "%(locale)s a vy ji nemůžete upravovat. Požádejte o její překlad "
                        "manažerský tým."
                    ) % {"parent": ancestor.title, "locale": locale.get_display_name()}
        if data.get("include_subtree") and not user.is_superuser:
            # Translating a subtree saves over existing translations of every descendant.
            return _("Překlad celého podstromu mohou zadat jen správci webu.")
        return None


class SubmitSnippetTranslationView(
    GuardedSubmission, submit_translations.SubmitSnippetTranslationView
):
    def refusal(self, request):
        if not can_edit(request.user, self.object):
            return _("Tuto položku nemůžete upravovat, a proto ani zadat její překlad.")
        return None
