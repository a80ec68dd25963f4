"""Reference data shown on many pages: organisations, municipalities and the registry's code lists.

Kinds of service, target groups, age categories and forms of provision are rows, not code
choices, because the national registry's lists grow; they are translatable for the English site.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from simple_history.models import HistoricalRecords

from kpss_pages.validators import validate_ico, validate_postcode


class TriadRole(models.TextChoices):
    COMMISSIONER = "zadavatel", _("zadavatel")
    PROVIDER = "poskytovatel", _("poskytovatel")
    USER = "uzivatel", _("uživatel")
    PUBLIC = "verejnost", _("veřejnost")


class Municipality(index.Indexed, models.Model):
    name = models.CharField(_("název obce"), max_length=100, unique=True)
    code = models.CharField(
        _("kód obce (ZÚJ)"), max_length=6, blank=True, help_text=_("Šestimístný kód obce z RÚIAN.")
    )
    slug = models.SlugField(_("adresa ve filtru"), max_length=100, unique=True)

    history = HistoricalRecords()
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("obec")
        verbose_name_plural = _("obce")

    def __str__(self):
        return self.name


class Organisation(index.Indexed, models.Model):
    name = models.CharField(_("název"), max_length=255)
    ico = models.CharField(
        _("IČO"),
        max_length=8,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_ico],
        help_text=_("Osm číslic včetně kontrolní číslice."),
    )
    triad_role = models.CharField(
        _("role v triádě"), max_length=20, choices=TriadRole.choices, default=TriadRole.PROVIDER
    )
    street = models.CharField(_("ulice a číslo"), max_length=255, blank=True)
    city = models.CharField(_("obec"), max_length=100, blank=True)
    postcode = models.CharField(_("PSČ"), max_length=6, blank=True, validators=[validate_postcode])
    web = models.URLField(_("web"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)

    history = HistoricalRecords()
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("ico"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organizace")
        verbose_name_plural = _("organizace")

    def __str__(self):
        return self.name

    def clean(self):
        # An empty IČO is "unknown", stored as NULL so that uniqueness ignores it.
        self.ico = (self.ico or "").strip() or None

    @property
    def address(self):
        return ", ".join(p for p in [self.street, f"{self.postcode} {self.city}".strip()] if p)


class ReferenceItem(TranslatableMixin, index.Indexed, models.Model):
    """A row of one of the registry's code lists; the slug is what catalogue filters put in URLs."""

    name = models.CharField(_("název"), max_length=255)
    slug = models.SlugField(_("adresa ve filtru"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(_("pořadí"), default=0)

    # Choosers search within the page's language (kpss_pages/wagtail_hooks.py).
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


def localized(items, locale_id):
    """The code-list items as their translations in `locale_id`, one query per model and none
    when they are already in it; an item without a translation stays as it is.

    A translated page keeps its source's code-list rows (see `override_translatable_fields` in
    services.py), so an English page shows, and the catalogue filters by, the same concepts."""
    items = list(items)
    foreign = [item for item in items if item.locale_id != locale_id]
    found = {}
    for model in {type(item) for item in foreign}:
        keys = [item.translation_key for item in foreign if type(item) is model]
        for translated in model.objects.filter(locale_id=locale_id, translation_key__in=keys):
            found[model, translated.translation_key] = translated
    return [found.get((type(item), item.translation_key), item) for item in items]


class ServiceCategory(models.TextChoices):
    COUNSELLING = "poradenstvi", _("sociální poradenství")
    CARE = "pece", _("služby sociální péče")
    PREVENTION = "prevence", _("služby sociální prevence")


class ServiceKind(ReferenceItem):
    # The paragraph of the act is the same in every language.
    override_translatable_fields = [SynchronizedField("paragraph")]

    paragraph = models.CharField(
        _("paragraf zákona č. 108/2006 Sb."), max_length=10, help_text=_("Např. 40 nebo 60a.")
    )
    category = models.CharField(_("kategorie"), max_length=20, choices=ServiceCategory.choices)

    history = HistoricalRecords()

    class Meta(ReferenceItem.Meta):
        verbose_name = _("druh sociální služby")
        verbose_name_plural = _("druhy sociálních služeb")
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="servicekind_unique_slug"),
            models.UniqueConstraint(
                fields=["locale", "paragraph"], name="servicekind_unique_paragraph"
            ),
        ]

    def __str__(self):
        return f"§ {self.paragraph} {self.name}"


class TargetGroup(ReferenceItem):
    history = HistoricalRecords()

    class Meta(ReferenceItem.Meta):
        verbose_name = _("cílová skupina")
        verbose_name_plural = _("cílové skupiny")
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="targetgroup_unique_slug")
        ]


class AgeCategory(ReferenceItem):
    age_from = models.PositiveSmallIntegerField(_("věk od"), null=True, blank=True)
    age_to = models.PositiveSmallIntegerField(_("věk do"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta(ReferenceItem.Meta):
        verbose_name = _("věková kategorie")
        verbose_name_plural = _("věkové kategorie")
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="agecategory_unique_slug")
        ]

    def clean(self):
        if self.age_from is not None and self.age_to is not None and self.age_to < self.age_from:
            raise ValidationError({"age_to": _("Horní hranice věku nesmí být nižší než dolní.")})


class FormOfProvision(ReferenceItem):
    history = HistoricalRecords()

    class Meta(ReferenceItem.Meta):
        verbose_name = _("forma poskytování")
        verbose_name_plural = _("formy poskytování")
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="formofprovision_unique_slug")
        ]


def attach_localized(objects, fields, locale_id):
    """Set `localized_<field>` on each object: its many-to-many code-list items in the locale."""
    lists = [(obj, field, list(getattr(obj, field).all())) for obj in objects for field in fields]
    every_item = [item for _obj, _field, items in lists for item in items]
    translated = iter(localized(every_item, locale_id))
    for obj, field, items in lists:
        setattr(obj, f"localized_{field}", [next(translated) for _item in items])
    return objects
