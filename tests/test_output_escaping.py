"""Everything a person can type is shown escaped on the public site (issue 8, item 4).

The test is generated, not listed: every page type of the project, every other model of the
project's apps (snippets, code lists, members, settings, approval records) and every block of
every StreamField (nested StructBlocks, ListBlocks, StreamBlocks and table columns) gets its own
injection payload in each text field. The public pages, search, catalogue, open data and sitemap
must then show each payload as text and none of it as markup. A text field that the public
never sees is named in NOT_SHOWN with the reason; a new one fails the test until it is shown or
named there. Rich text goes in as Wagtail's editor stores it; links and markup the editor does
not store are refused on save, with a message (tests at the end).
"""

import csv
import datetime
import fnmatch
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import CharField, ForeignKey, SlugField, TextField, URLField
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.rich_text import get_rich_text_editor_widget
from wagtail.contrib.typed_table_block.blocks import BaseTypedTableBlock
from wagtail.documents.models import Document
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import Image
from wagtail.models import Locale, Page, Revision, Site, WorkflowState, get_page_models
from wagtail.rich_text import RichText
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import OverridableSegment, Translation

import factory
import polib
import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from simple_history.models import HistoricalChanges

from consultation import factories as consultation_factories
from consultation.models import Comment, ConsultationPage, SettlementPage, SettlementRow
from evidence.models import Territory, TerritoryKind
from kpss_pages import factories
from kpss_pages.models import (
    AgeCategory,
    BasePage,
    CommunityPlanPage,
    FormOfProvision,
    HomePage,
    Municipality,
    Organisation,
    PlanChapterPage,
    ServiceKind,
    ServicePage,
    ServicePlace,
    SiteSettings,
    TargetGroup,
    TriadRole,
    WorkingGroupMember,
    WorkingGroupPage,
)
from monitoring.evaluation import freeze
from monitoring.models import (
    EvaluationPage,
    FundingLine,
    IndicatorValue,
    MeasureReport,
    MonitoringRound,
    ReviewState,
)
from tests.route import (
    approve_each_step,
    edit_form,
    edit_url,
    publish,
    signed_in,
    start_route,
)
from workflows.models import ApprovalRecord
from workflows.roles import MANAGEMENT_TEAM, STEERING_GROUP

pytestmark = pytest.mark.django_db

# Text fields the public site never shows, with the reason. Shell-style patterns; an entry that
# matches no field, or a field listed here that is shown after all, fails the test.
NOT_SHOWN = {
    "Comment.email": "a commenter's e-mail is never published",
    "Comment.target_code": "a code within the chapter (1.2.3); the public reads target_label",
    "HomePage.summary": "the home page shows its introduction; a perex is only the fallback "
    "of the meta description, and the home page's search description (shown) comes first",
    "Organisation.street": "an organisation's address and contacts are kept for the admin; "
    "services show their own contacts and places",
    "Organisation.city": "as Organisation.street",
    "Organisation.web": "as Organisation.street",
    "Organisation.email": "as Organisation.street",
    "Organisation.phone": "as Organisation.street",
    "Municipality.code": "the RÚIAN code is for data exchange; towns are shown by name",
    "Territory.code": "as Municipality.code; it reaches only the CSV, which csv_response keeps "
    "from running as a formula",
    "WorkingGroupMember.position": "members are shown only as they agreed (name and "
    "organisation, or anonymously), GDPR",
    "WorkingGroupMember.email": "as WorkingGroupMember.position",
    "ApprovalRecord.page_title": "the public approval note gives the dates and the resolution "
    "number; who approved and their comments stay in the admin",
    "ApprovalRecord.task_name": "as ApprovalRecord.page_title",
    "ApprovalRecord.approver_name": "as ApprovalRecord.page_title",
    "ApprovalRecord.comment": "as ApprovalRecord.page_title",
    "MeasureReport.measure_id": "the measure's stable id; the test gives the plan's real one",
    "MeasureReport.code": "the test gives the code the plan gives the measure",
    "MeasureReport.review_comment": "the management team's note to the group, admin only",
    "PlanChapterPage.priorities/priority/goals/measures/services/planned_service": "the name "
    "of a new service is shown only when no catalogue service is chosen, and this test chooses "
    "one; tests/test_evidence_page.py shows the name",
    "*/table/table/caption": "a TableBlock shows its own caption as <caption>; the typed "
    "table's caption input is not used by blocks/table.html",
}
# Models of the project's apps with text fields that never reach the public site at all.
NOT_PUBLIC_MODELS = {
    "search.PageSearchText": "the search index, derived from published pages; its text "
    "reaches the public only in search results, which this test reads",
    "workflows.ResolutionTaskState": "the state of a step in the admin; the resolution number "
    "reaches the public as ApprovalRecord.resolution_number",
    "audit.RoleChange": "audit trail, shown only in the admin's Audit area",
    "audit.SignInEvent": "audit trail, shown only in the admin's Audit area",
    "audit.ArchivedRevision": "kept revisions of deleted pages, admin only",
    "accounts.EnrolmentCode": "a hashed one-time code, shown once to its issuer in the admin",
    "evidence.ImportRun": "the record of an import, shown only in the admin",
    "kpss_pages.MeasureServiceLink": "a copy of the published measures' links to services, "
    "derived on publication; the service page shows the measure's code and title, which this "
    "test fills in the chapter",
    "evidence.PopulationFigure": "its text fields are ČSÚ's codes and ids; the public reads "
    "the numbers, summed by age group",
}
# Records PayloadSite.build fills and places where the public sees them (ApprovalRecord through
# the approval route); every other model of the project with text is in NOT_PUBLIC_MODELS.
SHOWN_RECORDS = {
    SiteSettings,
    Organisation,
    Municipality,
    ServiceKind,
    TargetGroup,
    AgeCategory,
    FormOfProvision,
    ServicePlace,
    WorkingGroupMember,
    ApprovalRecord,
    Comment,
    SettlementRow,
    MeasureReport,
    IndicatorValue,
    Territory,
}
# A page type that shows some fields only in one state is built once for each state.
VARIANTS = {
    ServicePage: [
        {"service_type": ServicePage.ServiceType.REGISTERED},
        {"service_type": ServicePage.ServiceType.RELATED, "kind": None},
    ],
    # Open, extended (its reason is shown) and with a public hearing (its place is shown).
    ConsultationPage: [
        {
            "opens_on": datetime.date.today() - datetime.timedelta(days=20),
            "closes_on": datetime.date.today() - datetime.timedelta(days=1),
            "extended_to": datetime.date.today() + datetime.timedelta(days=10),
            "hearing_at": timezone.now() + datetime.timedelta(days=5),
        }
    ],
}


def candidates(marker):
    """Injections in the order tried; the first one a field accepts is stored in it."""
    return (
        f'<script>alert("{marker}")</script>"><img src=x onerror=alert("{marker}")>{{{{ 7*7 }}}}',
        f'"><script>alert("{marker}")</script>',
        f"<b>{marker}</b>",
        f"<b>{marker}",
        f"<{marker}",
        f"{marker}'&{{{{7*7}}}}@example.cz",  # an e-mail address may hold ' & { } *
        f'https://example.cz/{marker}?q="><script>alert("{marker}")</script>',
    )


def project_apps():
    base = Path(settings.BASE_DIR).resolve()
    return {
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base)
        # The virtualenv may live inside the checkout (make creates .venv there).
        and "site-packages" not in Path(config.path).parts
    }


def project_page_models():
    return [model for model in get_page_models() if model._meta.app_label in project_apps()]


def text_fields(model):
    """Fields a person types text into: the model's own, and those inherited from Wagtail that
    the admin's form offers (a page's title, SEO title and search description; not its tree
    path). Choices are fixed labels; a slug admits only letters, digits and hyphens."""
    offered = (
        set(model.get_edit_handler().get_form_options()["fields"])
        if issubclass(model, Page)
        else set()
    )
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, (CharField, TextField))
        and field.editable
        and not field.choices
        and not isinstance(field, SlugField)
        and (field.model._meta.app_label in project_apps() or field.name in offered)
    ]


def has_text(model):
    return bool(text_fields(model)) or any(
        isinstance(field, StreamField) for field in model._meta.concrete_fields
    )


def stored_by_editor(widget, text):
    """`text` typed into Wagtail's rich text editor, as its converter stores it."""
    contentstate = {
        "blocks": [
            {
                "key": "a1b2c",
                "type": "unstyled",
                "depth": 0,
                "text": text,
                "inlineStyleRanges": [],
                "entityRanges": [],
            }
        ],
        "entityMap": {},
    }
    return widget.converter.to_database_format(json.dumps(contentstate))


@dataclass
class Carrier:
    label: str
    marker: str
    text: str


class Payloads:
    """Hands out one payload per field, each with its own marker, and remembers where it went."""

    def __init__(self):
        self.carriers = []
        self.refused = set()  # fields whose validation admits none of the candidates
        self.count = 0

    def take(self, label, accepts):
        self.count += 1
        for candidate in candidates(f"zx{self.count:03d}"):
            try:
                accepts(candidate)
            except ValidationError:
                continue
            self.carriers.append(Carrier(label, f"zx{self.count:03d}", candidate))
            return candidate
        self.refused.add(label)
        return None

    def text(self, label, field, instance=None):
        """A payload for a model field, stored as the admin would store it."""
        if isinstance(field, RichTextField):
            widget = get_rich_text_editor_widget(field.editor, features=field.features)
            text = self.take(
                label, lambda value: field.clean(stored_by_editor(widget, value), instance)
            )
            return None if text is None else stored_by_editor(widget, text)
        return self.take(label, lambda value: field.clean(value, instance))


TABLE_TEXT = blocks.CharBlock()  # a typed table's caption and column headings are plain inputs


def raw_value(block, leaf, path):
    """The stored (JSON) form of a value of `block` holding one of each of its child blocks;
    leaf(block, path) gives the value of each block that holds no other blocks."""
    if isinstance(block, blocks.StreamBlock):
        return [
            {"type": name, "value": raw_value(child, leaf, f"{path}/{name}")}
            for name, child in block.child_blocks.items()
        ]
    if isinstance(block, blocks.ListBlock):
        return [raw_value(block.child_block, leaf, path)]
    if isinstance(block, BaseTypedTableBlock):
        columns = list(block.child_blocks.items())
        return {
            "caption": leaf(TABLE_TEXT, f"{path}/caption"),
            "columns": [
                {"type": name, "heading": leaf(TABLE_TEXT, f"{path}/{name}/heading")}
                for name, _child in columns
            ],
            "rows": [
                {"values": [raw_value(child, leaf, f"{path}/{name}") for name, child in columns]}
            ],
        }
    if isinstance(block, blocks.StructBlock):
        return {
            name: raw_value(child, leaf, f"{path}/{name}")
            for name, child in block.child_blocks.items()
        }
    return leaf(block, path)


def plain_value(block, path, chosen):
    """A valid value for a block that holds no text."""
    if isinstance(block, blocks.ChooserBlock):
        return chosen(block.model_class).pk
    if isinstance(block, blocks.BooleanBlock):
        return False
    if isinstance(block, (blocks.ChoiceBlock, blocks.MultipleChoiceBlock)):
        # Grouped choices (a plan's measures, by plan) offer the values inside their groups; a
        # list that depends on content (no plan yet) gets a value nothing names.
        flat = [
            option
            for value, label in block.field.choices
            for option in ([v for v, _l in label] if isinstance(label, list | tuple) else [value])
        ]
        first = next((value for value in flat if value), "bez-volby")
        return [first] if isinstance(block, blocks.MultipleChoiceBlock) else first
    if isinstance(block, (blocks.IntegerBlock, blocks.DecimalBlock, blocks.FloatBlock)):
        low = block.field.min_value
        return str(low if low is not None else 1)
    if isinstance(block, blocks.DateBlock):
        return "2026-01-01"
    raise AssertionError(f"{path}: teach the test the block {type(block).__name__}")


def bad_rich_text_leaf(bad):
    """A leaf for raw_value putting `bad` into every rich text block, minimal values elsewhere."""

    def leaf(block, path):
        if isinstance(block, blocks.RichTextBlock):
            return bad
        if isinstance(block, blocks.FieldBlock) and isinstance(block.field, forms.CharField):
            return "text"
        return plain_value(block, path, lambda model: model(pk=1))

    return leaf


# --- Building every page type and record with payloads ---------------------------------------


class PayloadSite:
    """The published site with a payload in every text field, and what it was built from."""

    def __init__(self, home, make_user):
        self.home = home
        self.make_user = make_user
        self.payloads = Payloads()
        self.records = {}
        self.pages = {}  # model -> [pages]
        self.factories = {
            candidate._meta.model: candidate
            for candidate in [*vars(factories).values(), *vars(consultation_factories).values()]
            if isinstance(candidate, type)
            and issubclass(candidate, factory.django.DjangoModelFactory)
            and not candidate._meta.abstract
        }
        self.extra_objects = {}

    def fill(self, instance):
        """Every text field of `instance` gets its payload; StreamFields one of every block."""
        model = type(instance)
        for field in text_fields(model):
            value = self.payloads.text(f"{model.__name__}.{field.name}", field, instance)
            if value is not None:
                setattr(instance, field.attname, value)
        for field in model._meta.concrete_fields:
            if isinstance(field, StreamField):
                raw = raw_value(field.stream_block, self.leaf, f"{model.__name__}.{field.name}")
                setattr(instance, field.name, raw)
        return instance

    def leaf(self, block, path):
        if isinstance(block, blocks.RichTextBlock):
            widget = block.field.widget
            text = self.payloads.take(
                path, lambda value: block.clean(RichText(stored_by_editor(widget, value)))
            )
            return stored_by_editor(widget, text or "")
        if isinstance(block, blocks.FieldBlock) and isinstance(block.field, forms.CharField):
            return self.payloads.take(path, block.clean) or ""
        return plain_value(block, path, self.chosen)

    def chosen(self, model):
        if model in self.records:
            return self.records[model]
        if model in project_page_models():  # a page chooser: a measure names its service
            return self.page_of(model)
        if model not in self.extra_objects:
            make = {
                Image: wagtail_factories.ImageFactory,
                Document: wagtail_factories.DocumentFactory,
            }
            self.extra_objects[model] = make[model]()
        return self.extra_objects[model]

    def record(self, model, **fixed):
        instance = self.fill(model(**fixed))
        instance.save()
        self.records[model] = instance
        return instance

    def build(self):
        cs = Locale.get_default()
        site_settings = self.fill(SiteSettings.for_site(Site.objects.get(is_default_site=True)))
        site_settings.save()
        self.records[SiteSettings] = site_settings
        self.record(Organisation, triad_role=TriadRole.PROVIDER)
        self.record(Municipality, slug="obec-zx")
        self.record(ServiceKind, locale=cs, slug="druh-zx", category="pece")
        for model in (TargetGroup, AgeCategory, FormOfProvision):
            self.record(model, locale=cs, slug=f"{model._meta.model_name}-zx")
        monitoring_round = self.monitoring()
        self.record(Territory, kind=TerritoryKind.MICROREGION)
        for model in project_page_models():
            self.page_of(model)
        evaluation = EvaluationPage.objects.get(pk=self.page_of(EvaluationPage).pk)
        evaluation.data = freeze(monitoring_round)
        publish(evaluation)
        self.record(
            WorkingGroupMember,
            working_group=self.page_of(WorkingGroupPage),
            organisation=self.records[Organisation],
            triad_role=TriadRole.PROVIDER,
            public_display=WorkingGroupMember.Display.NAME,
        )
        self.approve_twice(self.page_of(PlanChapterPage))
        consultation = self.page_of(ConsultationPage)
        comment = self.record(
            Comment,
            consultation=consultation,
            target_chapter=self.page_of(PlanChapterPage),
            publish_name=True,
        )
        comment.count()
        self.comment_url = consultation.url + f"pripominka/{comment.number}/"
        settlement = SettlementPage.objects.get(pk=self.page_of(SettlementPage).pk)
        settlement.rows = [self.fill(SettlementRow(comment=comment, outcome="akceptovano"))]
        publish(settlement)
        self.records[SettlementRow] = settlement.rows.get()
        return self

    def monitoring(self):
        """A round with an approved report (payloads in its text and its indicator's) on the
        chapter's first measure, for the evaluation page built with the other pages."""
        plan = self.page_of(CommunityPlanPage)
        chapter = self.page_of(PlanChapterPage)
        monitoring_round = MonitoringRound.objects.create(
            plan=plan, year=2026, deadline=datetime.date(2027, 1, 31)
        )
        self.extra_objects[MonitoringRound] = monitoring_round
        ref = plan.measures()[0]
        report = self.fill(
            MeasureReport(round=monitoring_round, chapter=chapter, status="castecne", percent=50)
        )
        report.measure_id, report.code = ref.block_id, ref.code
        report.review_state = ReviewState.APPROVED
        report.save()
        self.records[MeasureReport] = report
        self.records[IndicatorValue] = self.fill(IndicatorValue(report=report, actual=1))
        self.records[IndicatorValue].save()
        FundingLine.objects.create(report=report, source="obce", planned=1000, actual=900)
        return monitoring_round

    def page_of(self, model):
        if model not in self.pages:
            self.pages[model] = [
                self.new_page(model, variant) for variant in VARIANTS.get(model, [{}])
            ]
        return self.pages[model][0]

    def new_page(self, model, variant):
        if model is HomePage:
            page = self.fill(self.home)
        else:
            parent_model = next(
                parent for parent in model.allowed_parent_page_models() if parent is not Page
            )
            parent = self.page_of(parent_model)
            page = self.fill(model())
            values = {
                field.attname: getattr(page, field.attname)
                for field in text_fields(model)
                if getattr(page, field.attname)
            }
            values.update(
                (field.name, getattr(page, field.name))
                for field in model._meta.concrete_fields
                if isinstance(field, StreamField)
            )
            values.update(self.related_values(model))
            values.update(variant)
            make = self.factories.get(model)
            if make is not None:
                page = make(parent=parent, **values)
            else:
                page = parent.add_child(
                    instance=model(slug=slugify(values["title"])[:80], **values)
                )
        for field in model._meta.many_to_many:
            if isinstance(field, ParentalManyToManyField) and field.related_model in self.records:
                setattr(page, field.name, [self.records[field.related_model]])
        if model is ServicePage:
            place = ServicePlace(municipality=self.records[Municipality], postcode="757 01")
            page.places.add(self.fill(place))
            self.records.setdefault(ServicePlace, place)
        publish(page)
        return type(page).objects.get(pk=page.pk)

    def related_values(self, model):
        """The project's records and pages a page type refers to, the payload ones."""
        values = {}
        for field in model._meta.concrete_fields:
            if (
                not isinstance(field, ForeignKey)
                or field.model._meta.app_label not in project_apps()
            ):
                continue
            target = field.related_model
            if target in self.records:
                values[field.name] = self.records[target]
            elif target in self.extra_objects:
                values[field.name] = self.extra_objects[target]
            elif target in project_page_models():
                values[field.name] = self.page_of(target)
        return values

    def approve_twice(self, chapter):
        """Take the chapter through the whole route twice, the steering group giving a payload
        as the resolution number, so it has an approval note and two archived versions."""
        author = self.make_user("autorka")
        mt = self.make_user("mt", MANAGEMENT_TEAM)
        ns = self.make_user("ns", STEERING_GROUP)
        resolution = self.payloads.text(
            "ApprovalRecord.resolution_number", ApprovalRecord._meta.get_field("resolution_number")
        )
        self.revisions = []
        for number, addition in ((resolution, ""), ("NS/2026/02", " Doplněno.")):
            page = PlanChapterPage.objects.get(pk=chapter.pk)
            page.summary += addition
            self.revisions.append(page.save_revision(user=author))
            start_route(page, author)
            approve_each_step(
                page,
                management_team=signed_in(mt),
                steering_group=signed_in(ns),
                resolution=number,
                meeting_date="2026-02-10",
            )
        self.records[ApprovalRecord] = ApprovalRecord.objects.get(resolution_number=resolution)

    def urls(self):
        """(address, status) of every public address that shows what was built, and of the
        requests whose responses repeat what they bring."""
        chapter = self.page_of(PlanChapterPage)
        archive = chapter.url + "historie/"
        first, second = (revision.pk for revision in self.revisions)
        title = next(c for c in self.payloads.carriers if c.label == "ServicePage.title")
        catalogue = {
            "q": self.echo("Katalog: hledaný text (q)"),
            "druh": self.echo("Katalog: neplatná hodnota filtru (druh)"),
        }
        self.search_url = "/hledat/?" + urlencode({"q": title.marker})
        self.compare_url = f"{archive}porovnani/{first}/{second}/"
        return [
            *((page.url, 200) for built in self.pages.values() for page in built),
            (chapter.get_parent().url + "historie/", 200),
            (archive, 200),
            (f"{archive}{first}/", 200),
            (self.compare_url, 200),
            (self.comment_url, 200),
            (self.search_url, 200),
            ("/hledat/?" + urlencode({"q": self.echo("Hledání: dotaz (q)")}), 200),
            ("/en/hledat/?" + urlencode({"q": self.echo("Hledání anglicky: dotaz (q)")}), 200),
            (self.page_of(ServicePage).get_parent().url + "?" + urlencode(catalogue), 200),
            ("/" + quote(self.echo("Neexistující adresa: kanonický odkaz")) + "/", 404),
        ]

    def echo(self, label):
        """A payload that a request brings and the response repeats."""
        return self.payloads.take(label, lambda value: None)


# --- Reading the responses ----------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "xlink:href"}


def injected_markup(html):
    """Markup that no page of this site has of its own: scripts other than the site's script
    file, event handler attributes, addresses that run script."""
    problems = []
    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if name.lower().startswith("on"):
                problems.append(f"<{tag.name} {name}>")
            squeezed = re.sub(r"[\x00-\x20]+", "", value).lower()
            if name.lower() in URL_ATTRIBUTES and squeezed.startswith(
                ("javascript:", "vbscript:", "data:")
            ):
                problems.append(f"<{tag.name} {name}={value[:40]}>")
        if tag.name == "script" and (
            tag.get_text().strip() or not tag.get("src", "").startswith(settings.STATIC_URL)
        ):
            problems.append(f"<script>{tag.get_text()[:40]}")
    return problems


def shown_text(html):
    """The text and attribute values of a page as a browser reads them (entities decoded)."""
    soup = BeautifulSoup(html, "html.parser")
    values = [soup.get_text()]
    for tag in soup.find_all(True):
        values += [" ".join(v) if isinstance(v, list) else v for v in tag.attrs.values()]
    return "\n".join(values)


def json_strings(value):
    if isinstance(value, dict):
        return [s for item in value.values() for s in json_strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in json_strings(item)]
    return [value] if isinstance(value, str) else []


@pytest.fixture
def built(home, make_user):
    return PayloadSite(home, make_user).build()


def test_every_text_a_person_enters_is_shown_escaped(client, built):
    carriers = built.payloads.carriers
    problems, shown_at = [], {}

    for url, status in built.urls():
        response = client.get(url)
        assert response.status_code == status, url
        html = response.content.decode()
        problems += [f"{url}: {problem}" for problem in injected_markup(html)]
        problems += [f"{url}: {c.label} ({c.marker}) unescaped" for c in carriers if c.text in html]
        visible = shown_text(html)
        shown_at[url] = {c.label for c in carriers if c.text in visible}

    open_data = ("/otevrena-data/sluzby.json", "/en/otevrena-data/sluzby.json")
    for url in (*open_data, "/otevrena-data/monitoring.json"):
        response = client.get(url)
        assert response["Content-Type"] == "application/json"
        assert response["X-Content-Type-Options"] == "nosniff"
        strings = json_strings(response.json())
        shown_at[url] = {c.label for c in carriers if c.text in strings}
    assert "ServicePage.title" in shown_at["/otevrena-data/sluzby.json"]
    response = client.get("/otevrena-data/sluzby.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    sitemap = client.get("/sitemap.xml").content.decode()  # addresses only: slugs hold no markup
    problems += [f"sitemap.xml: {c.label} unescaped" for c in carriers if c.text in sitemap]

    assert not problems, "\n".join(problems)
    # The views that compose their own HTML did show the payloads.
    assert "ServicePage.title" in shown_at[built.search_url], "search results"
    assert "PlanChapterPage.summary" in shown_at[built.compare_url], "comparison of versions"

    # Every text field of every page type and record, every text block, every echoed input.
    shown = set().union(*shown_at.values())
    expected = {c.label for c in carriers} | built.payloads.refused
    assert set(built.records) == SHOWN_RECORDS
    for model in [*built.pages, *built.records]:
        expected |= {f"{model.__name__}.{field.name}" for field in text_fields(model)}
    not_shown = {
        label for label in expected for pattern in NOT_SHOWN if fnmatch.fnmatchcase(label, pattern)
    }
    missing = sorted(expected - shown - built.payloads.refused - not_shown)
    assert not missing, "shown nowhere and not in NOT_SHOWN:\n" + "\n".join(missing)
    wrongly_listed = sorted(not_shown & shown)
    assert not wrongly_listed, "in NOT_SHOWN but shown:\n" + "\n".join(wrongly_listed)
    stale = [p for p in NOT_SHOWN if not any(fnmatch.fnmatchcase(x, p) for x in expected)]
    assert not stale, f"NOT_SHOWN names nothing that exists: {stale}"
    # Only formats that cannot hold markup refuse every payload: IČO, postcode, registry id.
    assert built.payloads.refused == {
        "Organisation.ico",
        "Organisation.postcode",
        "ServicePage.registry_id",
        "ServicePlace.postcode",
    }
    assert len(shown) > 150, "a safeguard against a vacuous pass"


def test_every_model_of_the_project_with_text_is_covered():
    """A new page type is built automatically; a new record type needs a place in
    PayloadSite.build and SHOWN_RECORDS (where it is shown) or in NOT_PUBLIC_MODELS (why it never
    is)."""
    records = [
        model
        for model in project_models()
        if not issubclass(model, (Page, HistoricalChanges)) and has_text(model)
    ]
    unknown = [
        model._meta.label
        for model in records
        if model not in SHOWN_RECORDS and model._meta.label not in NOT_PUBLIC_MODELS
    ]
    assert not unknown, f"text fields nobody checked: {unknown}"
    snippets = {m for m in get_snippet_models() if m._meta.app_label in project_apps()}
    assert snippets <= SHOWN_RECORDS, "every snippet model is shown publicly and checked"
    assert {label for label in NOT_PUBLIC_MODELS} <= {model._meta.label for model in records}


# --- CSV: no formulas -----------------------------------------------------------------------


def test_open_data_csv_cells_never_start_a_formula(client, home):
    catalogue = factories.ServiceIndexPageFactory(parent=home)
    formulas = [
        '=HYPERLINK("https://example.cz/?d="&A1;"Klikněte")',
        "+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\t=1+1",
    ]
    for number, title in enumerate(formulas):
        provider = factories.OrganisationFactory(name=formulas[-1 - number])
        service = factories.ServicePageFactory(
            parent=catalogue,
            title=title,
            slug=f"sluzba-{number}",
            provider=provider,
            related_category=formulas[number - 1],
            phone="+420 571 000 000",
        )
        publish(service)

    response = client.get("/otevrena-data/sluzby.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode().lstrip("\ufeff"))))

    assert len(rows) == len(formulas)
    cells = [cell for row in rows for cell in row.values()]
    assert all(formula in [cell[1:] for cell in cells] for formula in formulas)
    dangerous = [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert dangerous == ["+420 571 000 000"] * len(formulas), "a telephone number stays usable"


# --- Refusing links and markup the editor may not store ---------------------------------------

JAVASCRIPT = "javascript:alert(document.cookie)"
REFUSED = [
    JAVASCRIPT,
    "JaVa\tScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ftp://example.cz/soubor",
]
LINK_ERROR = "Odkaz „zde“ má nepovolenou adresu."


def project_models():
    return [m for label in project_apps() for m in apps.get_app_config(label).get_models()]


def rich_text_fields():
    for model in project_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, RichTextField):
                yield model, field


def all_blocks():
    """(model, path, block) of every block, however nested, of the project's StreamFields."""

    def walk(block, path):
        yield path, block
        for name, child in getattr(block, "child_blocks", {}).items():
            yield from walk(child, f"{path}/{name}")
        if isinstance(block, blocks.ListBlock):
            yield from walk(block.child_block, path)

    for model in project_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, StreamField):
                for path, block in walk(field.stream_block, f"{model.__name__}.{field.name}"):
                    yield model, path, block


def rich_text_blocks():
    return [item for item in all_blocks() if isinstance(item[2], blocks.RichTextBlock)]


def test_every_rich_text_field_and_block_refuses_script_links_and_markup():
    """Generated: a new rich text field or block is checked without being listed."""
    fields, streams = list(rich_text_fields()), list(rich_text_blocks())
    assert len(fields) >= 10 and len(streams) >= 10
    holders = {model for model, _field in fields} | {model for model, _p, _b in streams}
    assert all(issubclass(model, BasePage) for model in holders), "BasePage checks on save"
    for bad, message in (
        (f'<p><a href="{JAVASCRIPT}">zde</a></p>', LINK_ERROR),
        ("<p>zde</p><a>zde</a>", LINK_ERROR),  # the editor's converter dropped the address
        ('<p onclick="alert(1)">zde<script>alert(1)</script></p>', "(onclick, <script>)"),
    ):
        for model, field in fields:
            page = model(**{field.name: bad})
            with pytest.raises(ValidationError) as refused:
                page.check_rich_text()
            assert message in " ".join(refused.value.message_dict[field.name]), field
        for _model, path, block in streams:
            with pytest.raises(ValidationError) as refused:
                block.clean(RichText(bad))
            assert message in " ".join(refused.value.messages), path
        for model in project_models():
            for field in model._meta.concrete_fields:
                if isinstance(field, StreamField) and any(
                    p.startswith(f"{model.__name__}.{field.name}/") for _m, p, _b in streams
                ):
                    raw = raw_value(field.stream_block, bad_rich_text_leaf(bad), "")
                    page = model(**{field.name: raw})
                    with pytest.raises(ValidationError) as refused:
                        page.check_rich_text()
                    assert message in " ".join(refused.value.message_dict[field.name])


def test_links_to_the_web_mail_phone_and_the_site_are_allowed():
    allowed = "".join(
        f'<a href="{href}">{href}</a>'
        for href in (
            "https://example.cz/",
            "http://example.cz",
            "mailto:a@example.cz",
            "tel:+420571000000",
            "/sluzby/",
            "#opatreni-1-1-1",
            "dokument.pdf",
        )
    )
    source = f'<p data-block-key="a1">{allowed}<a linktype="page" id="3">stránka</a></p>'
    for _model, _path, block in rich_text_blocks():
        block.clean(RichText(source))
    for model, field in rich_text_fields():
        model(**{field.name: source}).check_rich_text()


def test_url_fields_and_blocks_refuse_script_addresses():
    """Django's URL validation admits web and FTP addresses only."""
    url_fields = [
        field
        for model in project_models()
        for field in model._meta.concrete_fields
        if isinstance(field, URLField)
    ]
    assert len(url_fields) >= 2, "Organisation.web and ServicePage.web at least"
    url_blocks = [block for _m, _p, block in all_blocks() if isinstance(block, blocks.URLBlock)]
    for address in REFUSED[:4]:
        for field in url_fields:
            with pytest.raises(ValidationError):
                field.clean(address, None)
        for block in url_blocks:
            with pytest.raises(ValidationError):
                block.clean(address)


# --- Through the admin, as an editor sends it -----------------------------------------------


def contentstate_with_link(url):
    """The JSON Draftail posts for a paragraph "Více zde." whose "zde" links to `url`."""
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "x1y2z",
                    "type": "unstyled",
                    "depth": 0,
                    "text": "Více zde.",
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 5, "length": 3, "key": 0}],
                }
            ],
            "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}},
        }
    )


@pytest.fixture
def service(home):
    catalogue = factories.ServiceIndexPageFactory(parent=home)
    page = factories.ServicePageFactory(parent=catalogue, title="Pečovatelská služba")
    publish(page)
    return page


@pytest.mark.parametrize("url", REFUSED)
def test_editor_refuses_a_script_link_in_a_rich_text_field(admin_client, service, url):
    revisions = Revision.objects.count()
    data = edit_form(admin_client, service)
    data["description"] = contentstate_with_link(url)

    response = admin_client.post(edit_url(service), data)

    assert response.status_code == 200
    assert LINK_ERROR in response.context["form"].errors["description"][0]
    assert LINK_ERROR in response.content.decode()
    assert Revision.objects.count() == revisions


@pytest.mark.parametrize("url", REFUSED)
def test_editor_refuses_a_script_link_in_a_stream_field_paragraph(admin_client, home, url):
    page = factories.StandardPageFactory(parent=home, title="O plánování")
    publish(page)
    revisions = Revision.objects.count()
    data = edit_form(admin_client, page, body=[{"type": "paragraph", "value": "<p>Text</p>"}])
    data["body-0-value"] = contentstate_with_link(url)

    response = admin_client.post(edit_url(page), data)

    assert response.status_code == 200
    errors = response.context["form"].errors["body"].as_data()[0]
    assert LINK_ERROR in str(errors.block_errors[0].messages)
    # The admin's script shows a block's errors from the JSON the page carries.
    assert json.dumps(LINK_ERROR)[1:-1] in response.content.decode()
    assert Revision.objects.count() == revisions


def test_editor_saves_links_to_web_mail_phone_and_the_site(admin_client, service):
    saved = []
    for url in (
        "https://example.cz/",
        "mailto:kpss@example.cz",
        "tel:+420571000000",
        "/hledat/",
        "#kontakty",
    ):
        data = edit_form(admin_client, service)
        data["description"] = contentstate_with_link(url)
        response = admin_client.post(edit_url(service), data)
        assert response.status_code == 302, response.context["form"].errors
        saved.append(ServicePage.objects.get(pk=service.pk).get_latest_revision_as_object())
    assert [page.description.split('href="')[1].split('"')[0] for page in saved] == [
        "https://example.cz/",
        "mailto:kpss@example.cz",
        "tel:+420571000000",
        "/hledat/",
        "#kontakty",
    ]


def test_editor_refuses_a_script_address_in_a_web_field(admin_client, service):
    revisions = Revision.objects.count()
    data = edit_form(admin_client, service, web=JAVASCRIPT)

    response = admin_client.post(edit_url(service), data)

    assert response.context["form"].errors["web"] == ["Zadejte platnou adresu URL."]
    assert Revision.objects.count() == revisions


def test_a_translated_link_address_cannot_become_a_script(admin_client, home):
    """wagtail-localize lets a translator override a link's address; before this check the
    override was stored in the rich text as it was, and Wagtail prints stored rich text as is."""
    page = factories.StandardPageFactory(
        parent=home,
        title="Kontakty",
        body=[{"type": "paragraph", "value": '<p>Více <a href="https://example.cz/">zde</a>.</p>'}],
    )
    publish(page)
    english = Locale.objects.get(language_code="en")
    for source in (home, page):
        admin_client.post(
            reverse("wagtail_localize:submit_page_translation", args=[source.pk]),
            {"locales": [english.pk]},
        )
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=english
    )
    translated = Page.objects.get(translation_key=page.translation_key, locale=english)
    download = admin_client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    po = polib.pofile(download.content.decode())
    for entry in po:
        entry.msgstr = "EN " + entry.msgid
    admin_client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("preklad.po", str(po).encode(), "text/x-gettext-translation")},
    )
    override = OverridableSegment.objects.get(source=translation.source)
    response = admin_client.put(
        reverse("wagtail_localize:edit_override", args=[translation.pk, override.pk]),
        urlencode({"value": JAVASCRIPT}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201)
    revisions = Revision.objects.filter(object_id=str(translated.pk)).count()

    response = admin_client.post(edit_url(translated), {"kpss-submit-translation": "1"})

    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert any(m.startswith(f"Překlad nelze odeslat: obsah: {LINK_ERROR}") for m in messages)
    assert Revision.objects.filter(object_id=str(translated.pk)).count() == revisions
    assert not WorkflowState.objects.filter(object_id=str(translated.pk)).exists()


def test_stored_rich_text_with_markup_is_refused_on_save(home):
    """Wagtail's `richtext` filter prints stored rich text as it is: markup that did not come
    from the editor is refused before it is stored."""
    page = factories.StandardPageFactory(parent=home, title="Stránka")
    page.body = [{"type": "paragraph", "value": '<p>a<img src=x onerror="alert(1)"></p>'}]
    with pytest.raises(ValidationError) as refused:
        page.save_revision()
    assert "(<img>)" in " ".join(refused.value.message_dict["body"])
    meeting_parent = factories.WorkingGroupPageFactory(
        parent=factories.WorkingGroupIndexPageFactory(parent=home)
    )
    with pytest.raises(ValidationError) as refused:
        factories.MeetingPageFactory(
            parent=meeting_parent, minutes="<p>Zápis</p><script>alert(1)</script>"
        )
    assert "(<script>)" in " ".join(refused.value.message_dict["minutes"])
