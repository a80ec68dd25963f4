"""Forms the reviewers fill in the workflow action modal."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.widgets import AdminDateInput
from wagtail.forms import TaskStateCommentForm


class ApproveForm(TaskStateCommentForm):
    comment = forms.CharField(
        label=_("Komentář"),
        required=False,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("Komentář dostane autor e-mailem a zůstane v záznamu o schválení."),
    )


class ReturnForChangesForm(TaskStateCommentForm):
    comment = forms.CharField(
        label=_("Co je potřeba přepracovat"),
        required=True,
        widget=forms.Textarea({"rows": 4}),
        error_messages={"required": _("Napište autorovi, co má přepracovat.")},
    )

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        if not comment:
            raise forms.ValidationError(_("Napište autorovi, co má přepracovat."))
        return comment


class ResolutionApprovalForm(ApproveForm):
    """Final approval by the steering group: a decision recorded as a numbered resolution."""

    resolution_number = forms.CharField(
        label=_("Číslo usnesení"),
        max_length=50,
        help_text=_("Např. NS/2027/04."),
        error_messages={"required": _("Uveďte číslo usnesení nadoborové skupiny.")},
    )
    meeting_date = forms.DateField(
        label=_("Datum jednání"),
        widget=AdminDateInput,
        error_messages={
            "required": _("Uveďte datum jednání, na kterém bylo usnesení přijato."),
            "invalid": _("Zadejte platné datum jednání."),
        },
    )

    field_order = ["resolution_number", "meeting_date", "comment"]

    def clean_resolution_number(self):
        number = self.cleaned_data["resolution_number"].strip()
        if not number:
            raise forms.ValidationError(_("Uveďte číslo usnesení nadoborové skupiny."))
        return number

    def clean_meeting_date(self):
        meeting_date = self.cleaned_data["meeting_date"]
        if meeting_date > timezone.localdate():
            raise forms.ValidationError(_("Datum jednání nemůže být v budoucnosti."))
        return meeting_date

    def clean(self):
        cleaned_data = super().clean()
        # The admin sends cleaned data through JSON between its modal and the editor.
        if isinstance(cleaned_data.get("meeting_date"), datetime.date):
            cleaned_data["meeting_date"] = cleaned_data["meeting_date"].isoformat()
        return cleaned_data
