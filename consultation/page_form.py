"""The consultation page's editor form: it freezes the draft under consultation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

from consultation.snapshot import freeze


class ConsultationPageForm(WagtailAdminPageForm):
    refreeze = forms.BooleanField(
        label=_("Převzít nejnovější verze kapitol plánu"),
        required=False,
        help_text=_("Jen dokud nepřišla žádná připomínka; pak se připomínkovaný návrh nemění."),
    )

    def clean(self):
        cleaned = super().clean()
        page = self.instance
        if page.pk and page.comments.exists():
            if cleaned.get("refreeze"):
                self.add_error(
                    "refreeze",
                    _("K návrhu už přišly připomínky; připomínkovaný návrh nelze vyměnit."),
                )
            return cleaned
        if cleaned.get("refreeze") or not page.frozen:
            plan = self.parent_page if not page.pk else page.get_parent()
            page.frozen = freeze(plan.specific)
        return cleaned


class SettlementPageForm(WagtailAdminPageForm):
    """A row may settle only a counted comment of this settlement's own consultation."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from consultation.models import Comment

        consultation = self.parent_page if not self.instance.pk else self.instance.get_parent()
        comments = Comment.objects.counted().filter(consultation_id=consultation.pk)
        formset = self.formsets["rows"]
        for form in formset.forms:
            form.fields["comment"].queryset = comments
