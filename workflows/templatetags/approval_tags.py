from django import template

from kpss_pages import fragments
from workflows.models import ApprovalRecord

register = template.Library()


@register.simple_tag
def approval_of(page, revision_id=None):
    """How a version (by default the live one) was approved: its records, the resolution and
    the last step, e.g. ``{% approval_of plan as approval %}``."""
    revision_id = revision_id or getattr(page, "live_revision_id", None)
    records = []
    if revision_id:
        # A version's record is complete once it is live; publishing stamps the page.
        def build():
            fragments.depends_on(fragments.page_tag(page.pk))
            return list(ApprovalRecord.objects.filter(revision_id=revision_id))

        records = fragments.fragment(f"approval:{revision_id}", build)
    resolution = next((r for r in reversed(records) if r.resolution_number), None)
    return {"records": records, "resolution": resolution, "last": records[-1] if records else None}


@register.inclusion_tag("includes/approval_note.html")
def approval_note(page, revision_id=None):
    """The compact public record of how a version (by default the live one) was approved."""
    return approval_of(page, revision_id)
