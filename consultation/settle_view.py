"""The working groups' and the management team's screen for proposing the settlement: the
comments they answer for, filtered by chapter, outcome and state, chosen in bulk, with an
outcome and a reason typed or taken from a similar comment's answer."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consultation import settling
from consultation.admin_views import CommentsScreen
from consultation.models import ConsultationPage, Outcome
from consultation.models.comments import TEXT_LIMIT


class ProposalForm(forms.Form):
    comments = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Vybrané připomínky"),
        error_messages={
            "required": gettext_lazy("Vyberte alespoň jednu připomínku."),
            "invalid_choice": gettext_lazy(
                "Připomínka „%(value)s“ mezi těmi, které vypořádáváte, není."
            ),
            "invalid_pk_value": gettext_lazy("„%(pk)s“ není číslo připomínky."),
        },
    )
    outcome = forms.ChoiceField(
        label=gettext_lazy("Výsledek"),
        choices=[("", "—"), *Outcome.choices],
        required=False,
    )
    reason = forms.CharField(
        label=gettext_lazy("Odůvodnění"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_LIMIT,
        required=False,
    )
    like = forms.ChoiceField(label=gettext_lazy("Nebo převzít odpověď"), required=False)

    def __init__(self, *args, comments, latest, **kwargs):
        super().__init__(*args, **kwargs)
        self.latest = latest
        self.fields["comments"].queryset = comments
        # Only answers to comments the user settles: other groups' drafts are not theirs to read.
        mine = set(comments.filter(pk__in=list(latest)).values_list("pk", flat=True))
        own = {pk: row for pk, row in latest.items() if pk in mine}
        self.fields["like"].choices = [("", "—"), *settling.template_choices(own)]

    def clean(self):
        cleaned = super().clean()
        like = cleaned.get("like")
        if like:
            row = self.latest[int(like)]  # one of the choices, so one of the user's
            cleaned["outcome"], cleaned["reason"] = row.outcome, row.reason
            return cleaned
        if not cleaned.get("outcome"):
            self.add_error("outcome", _("Vyberte výsledek, nebo převezměte odpověď."))
        if not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Napište odůvodnění, nebo převezměte odpověď."))
        return cleaned


class SettleView(CommentsScreen):
    template_name = "consultation/admin/settle.html"
    page_title = gettext_lazy("Vypořádání připomínek")

    def dispatch(self, request, consultation_id):
        if not settling.may_settle(request.user):
            raise PermissionDenied
        self.consultation = get_object_or_404(ConsultationPage, pk=consultation_id).canonical
        self.comments = settling.settleable(request.user, self.consultation)
        self.latest, self.live = settling.rows(self.consultation)
        return super().dispatch(request, consultation_id)

    def filtered(self):
        comments = self.comments.order_by("number")
        chapter = self.request.GET.get("kapitola", "")
        if chapter == "plan":
            comments = comments.filter(target_chapter__isnull=True)
        elif chapter.isdigit():
            comments = comments.filter(target_chapter_id=int(chapter))
        listed = []
        for comment in comments:
            row = self.latest.get(comment.pk)
            comment_state = settling.state(comment.pk, self.latest, self.live)
            outcome = self.request.GET.get("vysledek", "")
            if outcome and (row.outcome if row else "") != outcome:
                continue
            wanted_state = self.request.GET.get("stav", "")
            if wanted_state and wanted_state != comment_state:
                continue
            listed.append((comment, row, settling.STATES[comment_state]))
        return listed

    def get_context_data(self, form=None, **kwargs):
        form = form or ProposalForm(comments=self.comments, latest=self.latest)
        chapters = {c.target_chapter for c in self.comments if c.target_chapter_id}
        return super().get_context_data(
            form=form,
            consultation=self.consultation,
            listed=self.filtered(),
            chapters=sorted(chapters, key=lambda page: page.title),
            outcomes=Outcome.choices,
            states=settling.STATES,
            page=settling.settlement_page(self.consultation),
            **kwargs,
        )

    def post(self, request, consultation_id):
        form = ProposalForm(request.POST, comments=self.comments, latest=self.latest)
        if form.is_valid():
            chosen = list(form.cleaned_data["comments"])
            try:
                settling.propose(
                    self.consultation,
                    request.user,
                    chosen,
                    form.cleaned_data["outcome"],
                    form.cleaned_data["reason"].strip(),
                )
            except settling.Refused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(
                    request,
                    _(
                        "Návrh vypořádání byl uložen (vybraných připomínek: %(count)s). "
                        "Manažerský tým jej odešle ke schválení."
                    )
                    % {"count": len(chosen)},
                )
                return redirect(request.get_full_path())
        return self.render_to_response(self.get_context_data(form=form), status=400)
