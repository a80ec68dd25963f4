"""Test and demo data for consultations, built like kpss_pages.factories."""

import datetime

from django.utils import timezone

import factory

from consultation.models import ConsultationPage
from consultation.snapshot import freeze
from kpss_pages.factories import PageFactory


class ConsultationPageFactory(PageFactory):
    """A consultation under `parent` (a plan), open today for two weeks, its draft frozen as
    the plan stands when it is built."""

    class Meta:
        model = ConsultationPage

    title = "Připomínkování návrhu plánu"
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=2))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=12))
    frozen = factory.LazyAttribute(lambda o: freeze(o.parent.specific))
