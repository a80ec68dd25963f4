from django import template

from workflows.models import ApprovalRecord

register = template.Library()


@register.inclusion_tag("includes/approval_note.html")
def approval_note(page, revision_id=None):
    """The compact public record of how a version (by default the live one) was approved."""
    revision_id = revision_id or getattr(page, "live_revision_id", None)
    records = list(ApprovalRecord.objects.filter(revision_id=revision_id)) if revision_id else []
    resolution = next((r for r in reversed(records) if r.resolution_number), None)
    return {"records": records, "resolution": resolution, "last": records[-1] if records else None}
