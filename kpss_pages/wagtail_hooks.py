from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from kpss_pages import admin_guards
from kpss_pages.admin_guards import may_see_records
from kpss_pages.models import (
    AgeCategory,
    FormOfProvision,
    Municipality,
    Organisation,
    ServiceKind,
    TargetGroup,
    WorkingGroupMember,
)


class ChooserCreateView(chooser.SnippetCreateView):
    """Wagtail routes a chooser "create" URL for every snippet but gives snippet choosers no
    creation form, so a request there failed with a server error (the form is None)."""

    def get(self, request, *args, **kwargs):
        if not self.get_creation_form_class():
            raise Http404
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.get_creation_form_class():
            raise Http404
        return super().post(request, *args, **kwargs)


class ChooserViewSet(chooser.SnippetChooserViewSet):
    create_view_class = ChooserCreateView


class RecordViewSet(SnippetViewSet):
    chooser_viewset_class = ChooserViewSet
    index_view_class = admin_guards.RecordIndexView  # filters refuse ids beyond the database's


class OrganisationViewSet(RecordViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organizace")
    list_display = ["name", "ico", "triad_role", "city"]
    list_filter = ["triad_role"]
    # The directory is searched in the database (name or IČO containing the text), the same on
    # SQLite and PostgreSQL; Wagtail's search backend with these fields failed on SQLite (500).
    search_fields = ["name", "ico"]
    search_backend_name = None


class MunicipalityViewSet(RecordViewSet):
    model = Municipality
    icon = "site"
    menu_label = _("Obce")
    list_display = ["name", "code"]
    search_fields = ["name"]
    search_backend_name = None


class PageLanguageOnly:
    """A code list is chosen for a page, and the editor opens the chooser with the page's
    language (`locale`, from wagtailConfig.ACTIVE_CONTENT_LOCALE). Wagtail only preselects it
    and offers the other languages too; here the list keeps to it, when searching and paging
    as well (kpss_pages/forms.py refuses another language's row in the page form)."""

    @cached_property
    def page_locale(self):
        code = self.request.GET.get("locale")
        return Locale.objects.filter(language_code=code).first() if code else None

    def get_filter_form(self):
        form = super().get_filter_form()
        if self.page_locale is not None:
            form.fields.pop("locale", None)
        return form

    def get_object_list(self):
        objects = super().get_object_list()
        if self.page_locale is not None:
            objects = objects.filter(locale=self.page_locale)
        return objects


class CodeListChooseView(PageLanguageOnly, chooser.ChooseView):
    pass


class CodeListChooseResultsView(PageLanguageOnly, chooser.ChooseResultsView):
    pass


class CodeListChooserViewSet(ChooserViewSet):
    choose_view_class = CodeListChooseView
    choose_results_view_class = CodeListChooseResultsView
    # The search form's and pagination's URLs keep the language.
    preserve_url_parameters = [*ChooserViewSet.preserve_url_parameters, "locale"]


class CodeListViewSet(RecordViewSet):
    chooser_viewset_class = CodeListChooserViewSet


class ServiceKindViewSet(CodeListViewSet):
    model = ServiceKind
    icon = "list-ol"
    menu_label = _("Druhy služeb")
    list_display = ["paragraph", "name", "category"]
    list_filter = ["category"]


class TargetGroupViewSet(CodeListViewSet):
    model = TargetGroup
    icon = "user"
    menu_label = _("Cílové skupiny")
    list_display = ["name", "sort_order"]


class AgeCategoryViewSet(CodeListViewSet):
    model = AgeCategory
    icon = "date"
    menu_label = _("Věkové kategorie")
    list_display = ["name", "age_from", "age_to"]


class FormOfProvisionViewSet(CodeListViewSet):
    model = FormOfProvision
    icon = "resubmit"
    menu_label = _("Formy poskytování")
    list_display = ["name"]


class RecordReadersOnly:
    """Wagtail's snippet choosers list every record to anyone signed in to the admin."""

    def dispatch(self, request, *args, **kwargs):
        if not may_see_records(request.user, self.model_class):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class MemberChooseView(RecordReadersOnly, chooser.ChooseView):
    pass


class MemberChooseResultsView(RecordReadersOnly, chooser.ChooseResultsView):
    pass


class MemberChosenView(RecordReadersOnly, chooser.SnippetChosenView):
    pass


class MemberChosenMultipleView(RecordReadersOnly, chooser.SnippetChosenMultipleView):
    pass


class MemberCreateView(RecordReadersOnly, ChooserCreateView):
    pass


class MemberChooserViewSet(ChooserViewSet):
    """Members are personal data (GDPR): chosen only by those who may see the records."""

    choose_view_class = MemberChooseView
    choose_results_view_class = MemberChooseResultsView
    chosen_view_class = MemberChosenView
    chosen_multiple_view_class = MemberChosenMultipleView
    create_view_class = MemberCreateView


class WorkingGroupMemberViewSet(RecordViewSet):
    model = WorkingGroupMember
    chooser_viewset_class = MemberChooserViewSet
    icon = "user"
    menu_label = _("Členové skupin")
    list_display = ["name", "working_group", "organisation", "triad_role", "public_display"]
    list_filter = ["working_group", "triad_role", "public_display"]
    search_fields = ["name"]


class ReferenceDataGroup(SnippetViewSetGroup):
    menu_label = _("Číselníky a adresář")
    menu_icon = "folder-inverse"
    menu_order = 300
    items = (
        OrganisationViewSet,
        WorkingGroupMemberViewSet,
        MunicipalityViewSet,
        ServiceKindViewSet,
        TargetGroupViewSet,
        AgeCategoryViewSet,
        FormOfProvisionViewSet,
    )


register_snippet(ReferenceDataGroup)


hooks.register("before_copy_page", admin_guards.refuse_copy_without_parent)


@hooks.register("construct_admin_api")
def guard_admin_api(router):
    router.register_endpoint("pages", admin_guards.PagesAdminAPIViewSet)


@hooks.register("register_admin_urls", order=-1)
def guard_upstream_urls():
    """Before Wagtail's own URLs (same paths): views that answer bad input with a 400
    (kpss_pages/admin_guards.py) and otherwise behave as Wagtail's."""
    user_views = admin_guards.UserViewSet("wagtailusers_users", url_prefix="users")
    return [
        path("documents/", admin_guards.DocumentIndexView.as_view(), name="kpss_documents"),
        path(
            "documents/results/",
            admin_guards.DocumentIndexView.as_view(results_only=True),
            name="kpss_documents_results",
        ),
        path("images/", admin_guards.ImageIndexView.as_view(), name="kpss_images"),
        path(
            "images/results/",
            admin_guards.ImageIndexView.as_view(results_only=True),
            name="kpss_images_results",
        ),
        path("users/", user_views.index_view, name="kpss_users"),
        path("users/results/", user_views.index_results_view, name="kpss_users_results"),
        path(
            "redirects/import/process/",
            admin_guards.process_redirect_import,
            name="kpss_redirects_process_import",
        ),
    ]
