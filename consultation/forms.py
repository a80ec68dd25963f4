"""The public comment form and the management team's form for comments received otherwise."""

from django import forms
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from consultation.models.comments import TEXT_LIMIT, Channel, Comment

TOO_LONG = _("Text může mít nejvýše %(limit_value)d znaků (nyní jich má %(show_value)d).")


def _limit(field, limit):
    field.error_messages["max_length"] = TOO_LONG
    field.max_length = limit
    field.widget.attrs["maxlength"] = str(limit)


class CommentFields(forms.ModelForm):
    """What both forms share: the target is one part of the frozen draft, nothing else."""

    target = forms.ChoiceField(label=_("K části návrhu"))

    def __init__(self, *args, snapshot, **kwargs):
        super().__init__(*args, **kwargs)
        self.snapshot = snapshot
        self.fields["target"].choices = [
            (target.key, target.label) for target in snapshot.targets.values()
        ]
        self.fields["target"].error_messages["invalid_choice"] = _(
            "Vyberte část návrhu ze seznamu; „%(value)s“ v připomínkovaném návrhu není."
        )
        for name in ("text", "proposed_wording"):
            _limit(self.fields[name], TEXT_LIMIT)
        self.fields["text"].error_messages["required"] = _("Napište prosím text připomínky.")
        self.fields["name"].error_messages["required"] = _("Uveďte prosím své jméno.")

    def full_clean(self):
        super().full_clean()
        # Screen readers announce which fields are wrong and read their messages.
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{self[name].auto_id}-error"

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Napište prosím text připomínky."))
        return text

    def apply_target(self, comment):
        """The part, labelled as the source language names it: the settlement table and the
        working group read the label whichever language the sender wrote from."""
        consultation = comment.consultation
        with translation.override(consultation.language_code):
            target = consultation.snapshot.target(self.cleaned_data["target"])
        comment.target_chapter_id = target.chapter_id
        comment.target_code = target.code
        comment.target_label = target.label[:300]


class PublicCommentForm(CommentFields):
    consent = forms.BooleanField(
        label=_(
            "Souhlasím se zpracováním uvedených osobních údajů pro účely vypořádání připomínky."
        ),
        error_messages={"required": _("Bez souhlasu se zpracováním nelze připomínku přijmout.")},
    )
    # Left empty by people (it is hidden from them and from screen readers); robots fill it.
    website = forms.CharField(
        label=_("Nevyplňujte"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = Comment
        fields = Comment.SENDER_FIELDS
        labels = {"email": _("E-mail (pošleme na něj odkaz k potvrzení připomínky)")}
        widgets = {
            "text": forms.Textarea(attrs={"rows": 8}),
            "proposed_wording": forms.Textarea(attrs={"rows": 5}),
        }

    field_order = ["target", *Meta.fields, "consent", "website"]

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.fields["email"].required = True
        self.fields["email"].error_messages["required"] = _(
            "Uveďte prosím e-mail: pošleme na něj odkaz, kterým připomínku potvrdíte."
        )

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(
                _("Formulář se nepodařilo odeslat. Pole „Nevyplňujte“ musí zůstat prázdné.")
            )
        return ""

    def clean(self):
        cleaned = super().clean()
        email, text = cleaned.get("email"), cleaned.get("text")
        if email and text:
            repeated = Comment.objects.filter(
                consultation=self.consultation, email__iexact=email, text=text
            ).exists()
            if repeated:
                raise forms.ValidationError(
                    _(
                        "Stejnou připomínku z této e-mailové adresy už máme. Pokud jste ji "
                        "ještě nepotvrdili, použijte odkaz z e-mailu, který jsme vám poslali."
                    )
                )
        return cleaned

    def save(self, commit=True):
        comment = super().save(commit=False)
        comment.consultation = self.consultation
        comment.channel = Channel.WEB
        self.apply_target(comment)
        self.token = comment.new_token()
        if commit:
            comment.save()
        return comment


class StaffCommentForm(CommentFields):
    """A comment that arrived on paper, by e-mail, by data box or at the public hearing."""

    class Meta:
        model = Comment
        fields = ["channel", "received_at", *Comment.SENDER_FIELDS]

    field_order = ["target", *Meta.fields]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [
            choice for choice in Channel.choices if choice[0] != Channel.WEB
        ]

    def clean_received_at(self):
        received = self.cleaned_data["received_at"]
        if received > timezone.now():
            raise forms.ValidationError(_("Datum přijetí nemůže být v budoucnosti."))
        return received

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("wants_answer") and not cleaned.get("email"):
            self.add_error("email", _("Bez e-mailu nelze vypořádání poslat."))
        return cleaned
