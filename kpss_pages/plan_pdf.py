"""The published plan as one PDF, generated on the server with WeasyPrint.

The file is stored under a fingerprint of the live revisions of the plan and its live chapters,
so it is generated once per published version and served from storage afterwards; a newer
publication (or a new output format, pdf.FORMAT) changes the fingerprint and the next request
generates the new file. The PDF is tagged (PDF/UA-1) in the plan's language: kpss_pages.pdf.
Approval records come through the route's template tags (workflows/templatetags/approval_tags).
Annexes (a consultation's settlement) come from the apps named by settings.KPSS_PLAN_ANNEXES;
each names the version it shows, which is part of the fingerprint.
"""

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.module_loading import import_string

from kpss_pages import pdf

DIRECTORY = "plan-pdf"


@dataclass
class Annex:
    """A part printed after the plan: `version` changes whenever what it shows changes."""

    version: str
    title: str
    template: str
    context: dict = field(default_factory=dict)


def annexes(plan):
    return [
        annex
        for path in getattr(settings, "KPSS_PLAN_ANNEXES", [])
        for annex in import_string(path)(plan)
    ]


def fingerprint(plan, chapters, annexes=()):
    versions = [f"{plan.pk}:{plan.live_revision_id}"]
    versions += [f"{chapter.pk}:{chapter.live_revision_id}" for chapter in chapters]
    versions += [annex.version for annex in annexes]
    versions.append(pdf.FORMAT)
    return hashlib.sha256(",".join(versions).encode()).hexdigest()[:16]


def render_plan(plan, chapters, request, annexes=()):
    from kpss_pages.models import number_hierarchy

    sections, first = [], 1
    for chapter in chapters:  # priorities are numbered across the plan, in chapter order
        sections.append(
            {
                "chapter": chapter,
                "hierarchy": number_hierarchy(chapter.priorities, first),
            }
        )
        first += len(chapter.priorities)
    return pdf.render_pdf(
        "kpss_pages/plan_pdf.html",
        {
            "plan": plan,
            "sections": sections,
            "plan_url": request.build_absolute_uri(plan.get_url(request)),
            "annexes": annexes,
        },
        language=plan.locale.language_code,
        title=plan.title,
        request=request,
    )


def plan_pdf(plan, request):
    """(storage name, created): the stored PDF of the plan's published version."""
    chapters = list(plan.live_chapters())
    parts = annexes(plan)
    name = f"{DIRECTORY}/{plan.pk}-{fingerprint(plan, chapters, parts)}.pdf"
    if default_storage.exists(name):
        return name, False
    saved = default_storage.save(name, ContentFile(render_plan(plan, chapters, request, parts)))
    # Older versions' files are of no further use; the public archive shows old versions.
    _dirs, files = default_storage.listdir(DIRECTORY)
    for other in files:
        if other.startswith(f"{plan.pk}-") and f"{DIRECTORY}/{other}" != saved:
            default_storage.delete(f"{DIRECTORY}/{other}")
    return saved, True
