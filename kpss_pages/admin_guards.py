"""Bad input to Wagtail's admin answered with a clear 400 instead of a server error.

Each guard sits in front of one upstream behaviour (cited where it is defined) and is registered
through a Wagtail hook or as a view in place of the upstream URL (kpss_pages/wagtail_hooks.py),
so Wagtail's own code runs unchanged once the input is valid.
"""

import re

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.admin import messages
from wagtail.admin.api import views as admin_api
from wagtail.admin.api.actions.copy_for_translation import CopyForTranslationAPIAction
from wagtail.admin.filters import NumberRangeWidget, RelatedFilterMixin, WagtailFilterSet
from wagtail.admin.forms.pages import CopyForm
from wagtail.admin.forms.search import SearchForm
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.contrib.redirects import views as redirect_views
from wagtail.contrib.redirects.forms import ImportForm
from wagtail.contrib.redirects.utils import get_supported_extensions
from wagtail.documents.views import documents
from wagtail.images.views import images
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.users.views import users

import django_filters
from rest_framework.exceptions import ValidationError as APIValidationError

INTEGER = re.compile(r"-?[0-9]+")

# --- Ids beyond the database's integers --------------------------------------------------------


def integer_range(field):
    """(min, max) of the integer column behind `field` (through relations), or None when it is
    not an integer column."""
    while field.is_relation:
        field = field.target_field
    if not isinstance(field, models.IntegerField):
        return None
    return connection.ops.integer_field_range(field.get_internal_type())


class BoundedIdsMixin:
    """A model choice field that refuses an id beyond the key's integer column as an invalid
    choice, before querying. Django checks the range for lookups on integer fields but not on
    relations or `__in` (Django ticket #27397): on SQLite such an id raised OverflowError, a
    server error, in every listing filter on a related record."""

    def refuse_out_of_range(self, values):
        model = self.queryset.model
        key = model._meta.get_field(self.to_field_name) if self.to_field_name else model._meta.pk
        bounds = integer_range(key)
        if bounds is None:
            return
        for value in values:
            text = str(value).strip()
            if INTEGER.fullmatch(text) and not bounds[0] <= int(text) <= bounds[1]:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": value},
                )


class BoundedModelChoiceField(BoundedIdsMixin, django_filters.fields.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values:
            self.refuse_out_of_range([value])
        return super().to_python(value)


class BoundedModelMultipleChoiceField(
    BoundedIdsMixin, django_filters.fields.ModelMultipleChoiceField
):
    def _check_values(self, value):
        self.refuse_out_of_range(value)
        return super()._check_values(value)


BOUNDED_FIELDS = {
    django_filters.fields.ModelChoiceField: BoundedModelChoiceField,
    django_filters.fields.ModelMultipleChoiceField: BoundedModelMultipleChoiceField,
}


class BoundedIdsFilterSet:
    """Every filter on related records (declared, generated from `list_filter` or added by
    Wagtail in __init__) gets the bounded field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for filter_ in self.filters.values():
            filter_.field_class = BOUNDED_FIELDS.get(filter_.field_class, filter_.field_class)


class InvalidFiltersAnswer400:
    """A listing page whose filters are invalid answers 400; Wagtail shows each error at its
    filter. The results fragment that the listing's script fetches keeps Wagtail's 200, since
    the script discards any other answer and the listing would stop updating."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        filters = self.filters
        if not self.results_only and filters is not None and not filters.is_valid():
            response.status_code = 400
        return response


class RecordFilterSet(BoundedIdsFilterSet, WagtailFilterSet):
    pass


class RecordIndexView(InvalidFiltersAnswer400, SnippetIndexView):
    """Snippet listings (kpss_pages.wagtail_hooks.RecordViewSet)."""

    base_filterset_class = RecordFilterSet


class UserFilterSet(BoundedIdsFilterSet, users.UserFilterSet):
    pass


class UserIndexView(InvalidFiltersAnswer400, users.IndexView):
    pass


class UserViewSet(users.UserViewSet):
    """Only its listing views are served (in place of Wagtail's, wagtail_hooks.py)."""

    filterset_class = UserFilterSet
    index_view_class = UserIndexView


# --- The usage-count filter together with a search -----------------------------------------------


class UsageCountFilter(RelatedFilterMixin, django_filters.RangeFilter):
    """Wagtail 8's usage-count filter of documents and images (wagtail#13291) filters on an
    annotation, which the search backend cannot apply to search results (django-modelsearch
    raised AttributeError: a server error whenever `q` came with `usage_count_min` or `_max`;
    ordering by usage is switched off while searching for the same reason, django-modelsearch
    #51). While searching, the filter is applied as a filter on ids, as Wagtail does for
    related filters (RelatedFilterMixin, wagtail#6616)."""


class UsageCountWithSearch:
    def __init__(self, *args, is_searching=None, **kwargs):
        super().__init__(*args, is_searching=is_searching, **kwargs)
        upstream = self.filters["usage_count"]
        self.filters["usage_count"] = UsageCountFilter(
            field_name=upstream.field_name,
            label=upstream.label,
            widget=NumberRangeWidget(),
            use_subquery=bool(is_searching),
        )


class DocumentsFilterSet(UsageCountWithSearch, documents.DocumentsFilterSet):
    pass


class DocumentIndexView(InvalidFiltersAnswer400, documents.IndexView):
    filterset_class = DocumentsFilterSet


class ImagesFilterSet(UsageCountWithSearch, images.ImagesFilterSet):
    pass


class ImageIndexView(InvalidFiltersAnswer400, images.IndexView):
    filterset_class = ImagesFilterSet


# --- Copying a page without a valid parent -------------------------------------------------------


def refuse_copy_without_parent(request, page):
    """`before_copy_page` hook. Wagtail's copy view reads the new parent straight from the POST
    (`Page.objects.get(id=request.POST["new_parent_page"])`, to pre-fill the form) before the
    form validates it: a POST without it, or with an id that is not a page, was a server error.
    Such a POST gets the form back with the field's error, answered 400."""
    if request.method != "POST":
        return None
    form_class = getattr(page.specific_class, "copy_form_class", CopyForm)
    form = form_class(request.POST, user=request.user, page=page)
    form.is_valid()
    if "new_parent_page" in form.cleaned_data:
        return None
    # The chooser cannot show an id that is not a page: show the source's parent, the default.
    data = request.POST.copy()
    data["new_parent_page"] = str(page.get_parent().pk)
    shown = form_class(data, user=request.user, page=page)
    shown.is_valid()
    shown.errors["new_parent_page"] = form.errors["new_parent_page"]
    context = {"page": page, "form": shown, "next": get_valid_next_url_from_request(request)}
    return TemplateResponse(request, "wagtailadmin/pages/copy.html", context, status=400)


# --- The second step of the redirect import on its own -------------------------------------------

IMPORT_MANAGEMENT_FIELDS = ("import_file_name", "input_format")


@redirect_views.permission_checker.require_any("add")
@require_POST
def process_redirect_import(request):
    """Wagtail's second import step reads its signed hidden fields in the form's clean()
    without checking that they were sent (ConfirmImportManagementForm.clean: KeyError, a server
    error when the step is posted without the first). Without them, the first step's form is
    shown again with a Czech message, answered 400."""
    if all(request.POST.get(name) for name in IMPORT_MANAGEMENT_FIELDS):
        return redirect_views.process_import(request)
    messages.error(request, _("Import začněte znovu výběrem souboru s přesměrováními."))
    context = {
        "search_form": SearchForm(placeholder=_("Hledat přesměrování")),
        "form": ImportForm(get_supported_extensions()),
    }
    return TemplateResponse(
        request, "wagtailredirects/choose_import_file.html", context, status=400
    )


# --- The admin API's copy for translation into a language the page has -----------------------


class GuardedCopyForTranslation(CopyForTranslationAPIAction):
    """Wagtail's CopyPageForTranslationAction does not check that the page already has a
    translation in the locale: the database's unique (translation_key, locale) constraint then
    failed with IntegrityError, a server error. Refused with a Czech message instead (400)."""

    def execute(self, instance, data):
        if instance.get_translations().filter(locale__language_code=data["locale"]).exists():
            raise APIValidationError({"locale": [_("Stránka už má překlad do tohoto jazyka.")]})
        return super().execute(instance, data)


class PagesAdminAPIViewSet(admin_api.PagesAdminAPIViewSet):
    actions = {
        **admin_api.PagesAdminAPIViewSet.actions,
        "copy_for_translation": GuardedCopyForTranslation,
    }


# --- Records ---------------------------------------------------------------------------------

RECORD_ACTIONS = ["view", "add", "change", "delete", "choose"]


def may_see_records(user, model):
    policy = policy_registry.get_by_type(model, fallback=False) or ModelPermissionPolicy(model)
    return policy.user_has_any_permission(user, RECORD_ACTIONS)
