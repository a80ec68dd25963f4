"""The published measures' links to the services they concern, kept from the chapters' live
revisions: a service page lists its measures from these rows instead of reading every chapter,
so publishing a chapter re-renders only the services whose links it changed."""

from decimal import Decimal

from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kpss_pages.measure_services import service_links

from .plan import CommunityPlanPage, PlanChapterPage, measures_of


class MeasureServiceLink(models.Model):
    plan = models.ForeignKey(CommunityPlanPage, on_delete=models.CASCADE, related_name="+")
    chapter = models.ForeignKey(PlanChapterPage, on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey(
        "kpss_pages.ServicePage", on_delete=models.CASCADE, related_name="measure_links"
    )
    measure_id = models.CharField(max_length=64)
    position = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=20)
    title = models.CharField(max_length=255)
    relation = models.CharField(max_length=20)
    capacity_change = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)
    unit = models.CharField(max_length=20, blank=True)

    class Meta:
        verbose_name = _("vazba opatření na službu")
        verbose_name_plural = _("vazby opatření na služby")
        constraints = [
            models.UniqueConstraint(
                fields=["chapter", "measure_id", "position"], name="measure_service_link_unique"
            )
        ]

    def __str__(self):
        return f"{self.code} {self.title} → {self.service_id}"

    def as_link(self):
        return {"capacity_change": self.capacity_change, "unit": self.unit}

    @property
    def sort_key(self):
        return tuple(int(part) for part in self.code.split(".") if part.isdigit())


def wanted_links(plan):
    """{(chapter id, measure id, position): values} of the plan's published measures."""
    wanted = {}
    for ref in measures_of(plan.live_chapters()) if plan.live else []:
        for position, link in enumerate(service_links(ref.data)):
            if not link.get("service"):
                continue  # a new service not yet in the catalogue
            change = link.get("capacity_change")
            wanted[ref.chapter.pk, ref.block_id, position] = {
                "plan_id": plan.pk,
                "service_id": int(link["service"]),
                "code": ref.code,
                "title": ref.title[:255],
                "relation": link.get("relation") or "",
                "capacity_change": None if change in (None, "") else Decimal(str(change)),
                "unit": link.get("unit") or "",
            }
    return wanted


@transaction.atomic
def sync_service_links(plan):
    """Make the plan's rows match its published chapters, touching only the rows that differ
    (each saved or deleted row stamps its service's page in the page cache)."""
    from .services import ServicePage

    wanted = wanted_links(plan)
    existing_services = set(
        ServicePage.objects.filter(
            pk__in={values["service_id"] for values in wanted.values()}
        ).values_list("pk", flat=True)
    )
    wanted = {key: v for key, v in wanted.items() if v["service_id"] in existing_services}
    # The plan's rows and its chapters' rows: a chapter moved here brings its old plan's rows.
    chapters = {chapter_id for chapter_id, _measure, _position in wanted}
    present = {
        (row.chapter_id, row.measure_id, row.position): row
        for row in MeasureServiceLink.objects.filter(Q(plan=plan) | Q(chapter_id__in=chapters))
    }
    for key, row in present.items():
        if key not in wanted:
            row.delete()
    for key, values in wanted.items():
        row = present.get(key)
        if row is None:
            chapter_id, measure_id, position = key
            MeasureServiceLink.objects.create(
                chapter_id=chapter_id, measure_id=measure_id, position=position, **values
            )
        elif any(getattr(row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            row.save()
