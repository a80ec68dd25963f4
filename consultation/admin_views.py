"""The management team records a comment that came on paper, by e-mail, by data box or at the
public hearing: it counts at once, with its channel and the date it was received."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from consultation import access, mail
from consultation.forms import StaffCommentForm
from consultation.models import ConsultationPage


class CommentsScreen(WagtailAdminTemplateMixin, TemplateView):
    """An admin screen of a consultation's comments: its header names the screen, under
    "Připomínky" in the breadcrumbs (the base's would show only "Domů")."""

    header_icon = "comment"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("pripominky:index"), "label": _("Připomínky")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_page_subtitle(self):
        return self.consultation.title


class AddCommentView(CommentsScreen):
    template_name = "consultation/admin/add_comment.html"
    page_title = gettext_lazy("Zapsat připomínku")

    def dispatch(self, request, consultation_id):
        if not access.may_enter(request.user):
            raise PermissionDenied
        self.consultation = get_object_or_404(ConsultationPage, pk=consultation_id).canonical
        self.form = StaffCommentForm(request.POST or None, snapshot=self.consultation.snapshot)
        return super().dispatch(request, consultation_id)

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, consultation=self.consultation, **kwargs)

    def post(self, request, consultation_id):
        if not self.form.is_valid():
            return self.render_to_response(self.get_context_data(), status=400)
        with transaction.atomic():
            comment = self.form.save(commit=False)
            comment.consultation = self.consultation
            comment.entered_by = request.user
            self.form.apply_target(comment)
            comment.save()
            comment.count()
            mail.notify_group(comment, self.consultation.comments_admin_url())
        messages.success(
            request,
            _("Připomínka č. %(reference)s byla zapsána.") % {"reference": comment.reference},
        )
        index = reverse("pripominky:index")
        return redirect(f"{index}?consultation={self.consultation.pk}")
