"""The consultation's public routes: the comment form, the link that confirms a comment, and
a comment's page with its answer."""

from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from consultation import abuse, mail


class ConsultationRoutes(RoutablePageMixin):
    # The state (open or closed) changes with the date and the form carries a CSRF token:
    # never kept by the page cache.
    cache_public = False

    def _render(self, request, template, status=200, **context):
        context = {**self.get_context(request), **context}
        return TemplateResponse(request, f"consultation/{template}.html", context, status=status)

    def route_url(self, name, *args):
        return self.url + self.reverse_subpage(name, args=args)

    @path("pripominkovat/", name="comment")
    def comment(self, request):
        from consultation.forms import PublicCommentForm

        if not self.is_open():
            status = 403 if request.method == "POST" else 200
            return self._render(request, "closed", status=status)
        initial = {"target": request.GET.get("cast", "")}
        form = PublicCommentForm(
            request.POST or None,
            snapshot=self.snapshot,
            consultation=self.canonical,
            initial=initial,
        )
        if request.method == "POST":
            if abuse.over_limit(request):
                form.add_error(
                    None,
                    _(
                        "Z vaší adresy přišlo během poslední hodiny příliš mnoho připomínek. "
                        "Zkuste to prosím znovu později, nebo připomínku pošlete e-mailem."
                    ),
                )
            elif form.is_valid():
                comment = form.save()
                abuse.count(request)
                mail.confirm_link(
                    comment, request.build_absolute_uri(self.route_url("confirm", form.token))
                )
                return HttpResponseRedirect(self.route_url("comment_sent"))
        status = 400 if form.errors else 200
        return self._render(request, "comment_form", status=status, form=form)

    @path("pripominkovat/odeslano/", name="comment_sent")
    def comment_sent(self, request):
        return self._render(request, "comment_sent")

    @path("potvrzeni/<str:token>/", name="confirm")
    def confirm(self, request, token):
        """A GET only asks (mail scanners open links); the button's POST counts the comment."""
        from consultation.models import Comment
        from consultation.models.comments import token_digest

        comment = Comment.objects.filter(
            consultation=self.canonical, token_digest=token_digest(token), number__isnull=True
        ).first()
        if comment is None:
            return self._render(request, "confirm_invalid", status=404)
        if not self.is_open():
            return self._render(request, "closed", status=403)
        if request.method == "POST":
            comment.count()
            answer_url = request.build_absolute_uri(self.route_url("answer", comment.number))
            mail.received(comment, answer_url)
            mail.notify_group(comment, self.comments_admin_url())
            return self._render(request, "confirmed", comment=comment)
        return self._render(request, "confirm", comment=comment)

    @path("pripominka/<int:number>/", name="answer")
    def answer(self, request, number):
        from consultation.models import SettlementRow

        comment = self.canonical.comments.counted().filter(number=number).first()
        if comment is None:
            raise Http404
        settlement = self.canonical.live_settlement()
        row = SettlementRow.objects.filter(page=settlement, comment=comment).first()
        return self._render(request, "answer", comment=comment, row=row, settlement=settlement)

    def comments_admin_url(self):
        """Where the working group proposes the settlement of its comments."""
        from django.conf import settings
        from django.urls import reverse

        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        return base + reverse("consultation_settle", args=[self.canonical.pk])
