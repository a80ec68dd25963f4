"""Who answers for a service (its provider) or a chapter (its responsible working group) is the
management team's decision, not the editor's.

A provider may edit its service but not hand it to another organisation, and a working group may
edit its chapter but not name another group responsible: either would also move the right to
edit it (roles.sync_service, roles.sync_chapter) once approved. These fields use Wagtail's field
permission: without `workflows.assign_responsibility` (the management team's; administrators
hold every permission) the field is left out of the form, so a posted value is ignored, and the
editor shows the current value read-only. A page such a user creates answers to their own role.
"""

from django.utils.translation import gettext as _

from kpss_pages.panels import ASSIGN_RESPONSIBILITY  # noqa: F401 -- defined with its panel


def _responsible_fields():
    """Page model -> (its field, the ManagedGroup link naming the same thing, the refusal when
    the creator's role does not name exactly one)."""
    from kpss_pages.models import PlanChapterPage, ServicePage

    return {
        ServicePage: (
            "provider",
            "organisation",
            _("Službu může založit jen manažerský tým nebo člen právě jednoho poskytovatele."),
        ),
        PlanChapterPage: (
            "working_group",
            "working_group",
            _("Kapitolu může založit jen manažerský tým nebo člen právě jedné pracovní skupiny."),
        ),
    }


def assign_own(page, user):
    """Give a new page created by someone who may not choose who answers for it to their own
    organisation or working group. Returns the refusal (Czech) when there is not exactly one."""
    from workflows.models import ManagedGroup

    spec = _responsible_fields().get(type(page))
    if spec is None or user.has_perm(ASSIGN_RESPONSIBILITY):
        return None
    field, link, refusal = spec
    own = [
        getattr(managed, link)
        for managed in ManagedGroup.objects.filter(
            group__user=user, **{f"{link}__isnull": False}
        ).select_related(link)
    ]
    if len(own) != 1:
        return refusal
    setattr(page, field, own[0])
    return None


def chapters_answered_by(user):
    """The chapters (pk values) whose working group's role group the user belongs to."""
    from kpss_pages.models import PlanChapterPage
    from workflows.models import ManagedGroup

    groups = ManagedGroup.objects.filter(
        group__in=user.groups.all(), working_group__isnull=False
    ).values("working_group")
    return PlanChapterPage.objects.filter(working_group__in=groups).values("pk")


def organisations_of(user):
    """The organisations (pk values) whose provider role group the user belongs to."""
    from workflows.models import ManagedGroup

    return ManagedGroup.objects.filter(
        group__in=user.groups.all(), organisation__isnull=False
    ).values("organisation")
