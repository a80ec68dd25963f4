"""Public archive routes for the plan and its chapters: /historie/, one version, a comparison."""

import importlib

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from wagtail.contrib.routable_page.models import RoutablePageMixin, path


def archive():
    """Which versions passed the approval route is the route's knowledge, not the content's:
    settings.KPSS_PUBLIC_ARCHIVE names the module (workflows.archive)."""
    return importlib.import_module(settings.KPSS_PUBLIC_ARCHIVE)


class ApprovedVersionsMixin(RoutablePageMixin):
    """Every version published after approval stays public at a stable URL (KPSS principle of
    equal access to information); nothing else of the page's history is exposed."""

    has_public_archive = True

    @path("historie/", name="archive")
    def archive_index(self, request):
        return self.render(
            request,
            template="kpss_pages/archive_index.html",
            context_overrides={"versions": archive().approved_versions(self), "archive_view": True},
        )

    @path("historie/<int:revision_id>/", name="archive_version")
    def archive_version(self, request, revision_id):
        version = archive().approved_version(self, revision_id)
        if version is None:
            raise Http404
        archived = version.revision.as_object()
        context = archived.get_context(request)
        context.update({"archived_version": version, "current_page": self})
        return TemplateResponse(request, archived.get_template(request), context)

    @path("historie/porovnani/", name="archive_compare_form")
    def archive_compare_form(self, request):
        form = archive().CompareForm(request.GET, archive().approved_versions(self))
        if not form.is_valid():
            raise Http404  # as for the stable URL of a version that was never approved
        old, new = form.cleaned_data["od"], form.cleaned_data["do"]
        return redirect(self.url + self.reverse_subpage("archive_compare", args=(old, new)))

    @path("historie/porovnani/<int:old_id>/<int:new_id>/", name="archive_compare")
    def archive_compare(self, request, old_id, new_id):
        versions = archive()
        old, new = versions.approved_version(self, old_id), versions.approved_version(self, new_id)
        if old is None or new is None:
            raise Http404
        rows = versions.compare_versions(old.revision.as_object(), new.revision.as_object())
        return self.render(
            request,
            template="kpss_pages/archive_compare.html",
            context_overrides={
                "old": old,
                "new": new,
                "rows": rows,
                "changed": [r for r in rows if r["status"] != "same"],
                "archive_view": True,
            },
        )
