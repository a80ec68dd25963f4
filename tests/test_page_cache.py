"""The anonymous page cache: what it keeps, for whom, and that every kind of change reaches the
first anonymous visitor after it. Changes go through the admin as people make them: page edits
through the approval route, moves, deletions and record edits through their admin views."""

import re

from django.test import override_settings
from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from kpss_pages import factories
from kpss_pages.models import (
    NewsPage,
    Organisation,
    PlanChapterPage,
    ServiceKind,
    ServicePage,
    SiteSettings,
    TargetGroup,
    WorkingGroupMember,
    WorkingGroupPage,
)
from tests import admin_forms
from tests.route import approve_each_step, publish, signed_in, submit
from workflows.roles import MANAGEMENT_TEAM, STEERING_GROUP

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(chapter, home, organisation, working_group):
    """A small public site: plan with a chapter, catalogue with two services, news, groups."""
    catalogue = factories.ServiceIndexPageFactory(parent=home)
    kind = ServiceKind.objects.get(locale=home.locale, slug="pecovatelska-sluzba")
    services = [
        factories.ServicePageFactory(
            parent=catalogue,
            title=title,
            provider=organisation,
            service_type=ServicePage.ServiceType.REGISTERED,
            kind=kind,
        )
        for title in ("Pečovatelská služba Zubří", "Pečovatelská služba Kelč")
    ]
    news_index = factories.NewsIndexPageFactory(parent=home)
    news = factories.NewsPageFactory(parent=news_index, title="První zpráva", date="2026-01-05")
    for page in [home, catalogue, *services, news_index, news, working_group.get_parent()]:
        publish(page.specific)
    return {
        "home": home,
        "plan": chapter.get_parent().specific,
        "chapter": chapter,
        "catalogue": catalogue,
        "services": services,
        "news_index": news_index,
        "group": working_group,
        "kind": kind,
    }


def committing(client, on_commit):
    """`client`, whose POSTs run the work queued for after the commit (publishing a
    translation, purges), as it would run after a real commit."""
    post = client.post

    def post_and_commit(*args, **kwargs):
        with on_commit(execute=True):
            return post(*args, **kwargs)

    client.post = post_and_commit
    return client


@pytest.fixture
def admin(django_user_model, django_capture_on_commit_callbacks):
    """An administrator, who edits, moves and deletes through the admin's views (a client of
    their own: `client` stays the anonymous visitor)."""
    user = django_user_model.objects.create_superuser("spravce", "spravce@example.cz", "x" * 12)
    return committing(signed_in(user), django_capture_on_commit_callbacks)


@pytest.fixture
def reviewers(make_user, django_capture_on_commit_callbacks):
    """The management team and the steering group, who approve in the dashboard's modal."""
    return {
        role: committing(signed_in(make_user(name, group)), django_capture_on_commit_callbacks)
        for role, name, group in (
            ("management_team", "mt", MANAGEMENT_TEAM),
            ("steering_group", "ns", STEERING_GROUP),
        )
    }


@pytest.fixture
def publish_edit(admin, reviewers):
    """Submit an edit in the admin and take it through the approval route to the public."""

    def run(page, **changes):
        response = submit(admin, page, **changes)
        assert response.status_code == 302, form_errors(response)
        approve_each_step(page, **reviewers, resolution="NS/2026/9", meeting_date="2026-03-12")
        page = page.specific_class.objects.get(pk=page.pk)
        assert page.live and not page.has_unpublished_changes
        return page

    return run


def edit_snippet(client, instance, **changes):
    """Save a record through its admin edit view, as a person does."""
    response = admin_forms.edit_snippet(client, instance, **changes)
    assert response.status_code == 302, form_errors(response)


def form_errors(response):
    """The error messages of a refused admin form, for a readable assertion."""
    html = response.content.decode()
    found = re.findall(r'class="error-message"[^>]*>(.*?)</', html, re.S)
    found += re.findall(r'id="([\w-]+)-errors"', html)
    return found or html[:300]


def warm(client, *urls):
    """Request each page as an anonymous visitor until the answer comes from the cache."""
    for url in urls:
        assert client.get(url).status_code == 200, url
        assert client.get(url)["X-Page-Cache"] == "hit", url


def fresh(client, url):
    """The first anonymous request after a change: rendered anew, not served from the cache."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["X-Page-Cache"] == "miss", url
    return response.content.decode()


# What is cached, for whom ----------------------------------------------------------------------


def test_anonymous_pages_are_cached_with_headers_for_shared_caches(client, site):
    url = site["chapter"].url
    first = client.get(url)
    second = client.get(url)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    for response in (first, second):
        assert response["Cache-Control"] == "public, max-age=60, s-maxage=600"
        # The URL alone decides the language; signed-in users are told apart by the session
        # cookie, which shared caches pass by (deploy/nginx-kpss.conf).
        assert "Vary" not in response
        assert response["Content-Language"] == "cs"


@override_settings(KPSS_CACHE_MAX_AGE=30, KPSS_CACHE_S_MAXAGE=3600)
def test_cache_lifetimes_come_from_the_settings(client, site):
    assert client.get(site["home"].url)["Cache-Control"] == "public, max-age=30, s-maxage=3600"


def test_signed_in_users_neither_get_nor_fill_the_cache(client, site, make_user):
    url = site["chapter"].url
    warm(client, url)
    client.force_login(make_user("ctenar"))
    response = client.get(url)
    assert "X-Page-Cache" not in response
    assert set(response["Cache-Control"].split(", ")) == {"private", "no-store"}
    # The signed-in user's page (with the userbar) was not stored for visitors.
    client.logout()
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_search_posts_previews_and_errors_are_never_cached(client, site, admin):
    search = reverse("search") + "?q=senio"
    for _ in range(2):
        response = client.get(search)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert "public" not in response.get("Cache-Control", "")
    posted = client.post(site["chapter"].url, {})
    assert "X-Page-Cache" not in posted
    assert "no-store" in posted["Cache-Control"]
    assert client.get(site["chapter"].url)["X-Page-Cache"] == "miss", "a POST stores nothing"
    for _ in range(2):
        missing = client.get("/neexistuje/")
        assert missing.status_code == 404 and "X-Page-Cache" not in missing
    preview = admin.get(reverse("wagtailadmin_pages:view_draft", args=(site["chapter"].pk,)))
    assert preview.status_code == 200
    assert "X-Page-Cache" not in preview
    assert "private" in preview["Cache-Control"] and "no-store" in preview["Cache-Control"]


def test_pages_in_a_private_section_are_never_cached(client, site):
    restriction = PageViewRestriction.objects.create(
        page=site["news_index"], restriction_type=PageViewRestriction.PASSWORD, password="tajne"
    )
    news = NewsPage.objects.get(title="První zpráva")
    for _ in range(2):
        response = client.get(news.url)
        assert "X-Page-Cache" not in response
        assert "První zpráva" not in response.content.decode()
    restriction.delete()
    warm(client, news.url)


def test_disabled_page_cache_renders_every_request(client, site, settings):
    settings.KPSS_PAGE_CACHE = False
    for _ in range(2):
        response = client.get(site["home"].url)
        assert "X-Page-Cache" not in response
        assert response["Cache-Control"] == "public, max-age=60, s-maxage=600"


# Every kind of dependency, after a change made through the admin ------------------------------


def test_publishing_a_chapter_updates_it_the_plans_contents_and_the_pdf_link(
    client, site, admin, publish_edit
):
    chapter, plan = site["chapter"], site["plan"]
    warm(client, chapter.url, plan.url)
    publish_edit(chapter, title="Senioři a pečující")
    assert "Senioři a pečující" in fresh(client, chapter.url)
    assert "Senioři a pečující" in fresh(client, plan.url), "the plan's table of contents"
    assert "NS/2026/9" in client.get(chapter.url).content.decode(), "the approval record"


def draft(page):
    """A new page saved as a draft, as the admin's "Uložit koncept" leaves it."""
    page.live = False
    page.save()
    return page


def test_a_new_chapter_renumbers_the_chapters_after_it(client, site, publish_edit):
    chapter, plan = site["chapter"], site["plan"]
    second = factories.PlanChapterPageFactory(
        parent=plan,
        title="Rodina",
        number=2,
        working_group=site["group"],
        priorities=[
            factories.priority_value(
                "Rodina", [("Cíl", [factories.measure_value("O", site["services"][0].provider)])]
            )
        ],
    )
    publish(second)
    warm(client, plan.url, second.url)
    assert "Priorita 2" in client.get(second.url).content.decode()
    measures = [factories.measure_value("Opatření", site["services"][0].provider)]
    priorities = [factories.priority_value("Péče doma", [("Cíl", measures)])] * 2
    publish_edit(chapter, priorities=PlanChapterPage.hierarchy_from_raw(priorities))
    assert "Priorita 3" in fresh(client, second.url), "numbering continues across chapters"
    assert "Priorita 3" in fresh(client, plan.url)


def test_a_new_page_appears_in_its_parents_listing_and_on_the_home_page(client, site, publish_edit):
    news_index, home = site["news_index"], site["home"]
    warm(client, news_index.url, home.url)
    publish_edit(draft(factories.NewsPageFactory(parent=news_index, title="Nová zpráva")))
    assert "Nová zpráva" in fresh(client, news_index.url)
    assert "Nová zpráva" in fresh(client, home.url), "the latest news"


def test_a_new_menu_page_appears_in_the_navigation_of_every_page(client, site, publish_edit):
    urls = [site["home"].url, site["chapter"].url, site["services"][0].url]
    warm(client, *urls)
    page = factories.StandardPageFactory(parent=site["home"], title="Kontakty", show_in_menus=True)
    publish_edit(draft(page), show_in_menus="on")
    for url in urls:
        html = fresh(client, url)
        assert '<a href="/kontakty/">Kontakty</a>' in html, url


def test_a_published_service_appears_in_the_catalogue_and_its_filters(client, site, publish_edit):
    catalogue = site["catalogue"]
    filtered = f"{catalogue.url}?skupina=seniori&druh=pecovatelska-sluzba"
    warm(client, catalogue.url, filtered)
    service = factories.ServicePageFactory(
        parent=catalogue,
        title="Pečovatelská služba Poličná",
        provider=site["services"][0].provider,
        service_type=ServicePage.ServiceType.REGISTERED,
        kind=site["kind"],
        related_category="",
    )
    publish_edit(draft(service))
    assert "Pečovatelská služba Poličná" in fresh(client, catalogue.url)
    assert "Pečovatelská služba Poličná" in fresh(client, filtered)


def test_unpublishing_moving_and_deleting_reach_every_page_that_showed_the_page(
    client, site, admin, publish_edit
):
    catalogue = site["catalogue"]
    first, second = site["services"]
    warm(client, catalogue.url, first.url)

    response = admin.post(reverse("wagtailadmin_pages:unpublish", args=(first.pk,)), {})
    assert response.status_code == 302
    assert client.get(first.url).status_code == 404
    assert first.title not in fresh(client, catalogue.url)

    warm(client, catalogue.url, second.url)
    response = admin.post(reverse("wagtailadmin_pages:delete", args=(second.pk,)), {})
    assert response.status_code == 302
    assert client.get(second.url).status_code == 404
    assert second.title not in fresh(client, catalogue.url)

    about = publish_edit(draft(factories.StandardPageFactory(parent=site["home"], title="O nás")))
    page = publish_edit(draft(factories.StandardPageFactory(parent=site["home"], title="Ceník")))
    warm(client, page.url, about.url)
    url = reverse("wagtailadmin_pages:move_confirm", args=(page.pk, about.pk))
    assert admin.post(url, {}).status_code == 302
    old = client.get("/cenik/")
    assert (old.status_code, old["Location"]) == (301, "/o-nas/cenik/"), "Wagtail's redirect"
    assert "Ceník" in fresh(client, "/o-nas/cenik/")
    assert '<a href="/o-nas/cenik/">' in fresh(client, about.url), "the new parent's listing"


def test_renaming_a_provider_reaches_its_services_and_the_catalogue(client, site, admin):
    service, catalogue = site["services"][0], site["catalogue"]
    warm(client, service.url, catalogue.url, site["chapter"].url, site["home"].url)
    edit_snippet(admin, Organisation.objects.get(pk=service.provider_id), name="Charita Zubří")
    assert "Charita Zubří" in fresh(client, service.url)
    assert "Charita Zubří" in fresh(client, catalogue.url)
    assert "Charita Zubří" in fresh(client, site["chapter"].url), "the measures' responsible"
    assert client.get(site["home"].url)["X-Page-Cache"] == "hit", "the home page shows no provider"


def test_the_cached_list_of_measures_follows_its_data_and_its_providers(
    client, site, admin, settings
):
    """The chapter's measures are a fragment kept even with the page cache off: a new
    version of the data or a renamed provider shows at once, a preview never gets the
    published list."""
    settings.KPSS_PAGE_CACHE = False
    chapter = site["chapter"]
    assert "Opatření 1.1.3" in client.get(chapter.url).content.decode()
    edit_snippet(admin, Organisation.objects.get(pk=site["services"][0].provider_id), name="Nový")
    assert "Realizátor</dt><dd>Nový" in client.get(chapter.url).content.decode()

    measures = [factories.measure_value("Opatření D", site["services"][0].provider)]
    raw = [factories.priority_value("Péče doma", [("Terénní služby", measures)])]
    chapter.priorities = PlanChapterPage.hierarchy_from_raw(raw)
    revision = chapter.save_revision()
    preview = admin.get(
        reverse("wagtailadmin_pages:revisions_view", args=[chapter.pk, revision.pk])
    ).content.decode()
    assert "Opatření D" in preview and "Opatření 1.1.3" not in preview, "the draft's list"
    public = client.get(chapter.url).content.decode()
    assert "Opatření 1.1.3" in public and "Opatření D" not in public, "the published list"


def test_a_chapter_naming_many_providers_follows_each_of_them(client, site, admin, publish_edit):
    """Past a few rows of one list an entry depends on the whole list (fewer stamps to read
    on every hit): renaming any one of them still reaches the page."""
    providers = [factories.OrganisationFactory(name=f"Poskytovatel {n}") for n in range(12)]
    measures = [factories.measure_value(f"Opatření {p.name}", p) for p in providers]
    raw = [factories.priority_value("Péče doma", [("Terénní služby", measures)])]
    chapter = publish_edit(site["chapter"], priorities=PlanChapterPage.hierarchy_from_raw(raw))
    warm(client, chapter.url, site["catalogue"].url)
    edit_snippet(admin, providers[7], name="Přejmenovaný poskytovatel")
    assert "Přejmenovaný poskytovatel" in fresh(client, chapter.url)


def test_renaming_a_kind_of_service_or_a_target_group_reaches_the_pages_showing_them(
    client, site, admin
):
    service, catalogue = site["services"][0], site["catalogue"]
    warm(client, service.url, catalogue.url, site["chapter"].url)
    edit_snippet(admin, site["kind"], name="Pečovatelská služba (§ 40)")
    assert "Pečovatelská služba (§ 40)" in fresh(client, service.url)
    assert "Pečovatelská služba (§ 40)" in fresh(client, catalogue.url), "filter choices"

    seniors = TargetGroup.objects.get(locale=site["home"].locale, slug="seniori")
    warm(client, service.url, catalogue.url)
    edit_snippet(admin, seniors, name="Senioři a senior(k)y")
    assert "Senioři a senior(k)y" in fresh(client, service.url)
    assert "Senioři a senior(k)y" in fresh(client, catalogue.url)
    assert client.get(site["chapter"].url)["X-Page-Cache"] == "hit", "shows neither"


def test_a_members_consent_reaches_the_working_group_page(client, site, admin, organisation):
    group = WorkingGroupPage.objects.get(pk=site["group"].pk)
    member = WorkingGroupMember.objects.create(
        working_group=group,
        name="Jana Nováková",
        organisation=organisation,
        public_display=WorkingGroupMember.Display.NAME,
        triad_role="poskytovatel",
    )
    warm(client, group.url)
    assert "Jana Nováková" in client.get(group.url).content.decode()
    edit_snippet(admin, member, public_display=WorkingGroupMember.Display.HIDDEN)
    assert "Jana Nováková" not in fresh(client, group.url)


def test_site_settings_reach_every_page(client, site, admin):
    urls = [site["home"].url, site["chapter"].url]
    warm(client, *urls)
    values = SiteSettings.for_site(site["home"].get_site())
    values.contact_phone = "+420 571 111 222"
    values.save()
    for url in urls:
        assert "+420 571 111 222" in fresh(client, url)


def test_a_new_slug_reaches_links_to_the_subtree_and_a_publish_clears_no_more(
    client, site, publish_edit
):
    home, news_index, service = site["home"], site["news_index"], site["services"][0]
    warm(client, home.url, service.url)
    publish_edit(news_index, slug="zpravy")
    assert 'href="/zpravy/prvni-zprava/"' in fresh(client, home.url), "the latest news links"
    warm(client, service.url, site["catalogue"].url)
    publish_edit(site["chapter"], title="Senioři a pečující")
    for url in (service.url, site["catalogue"].url):
        assert client.get(url)["X-Page-Cache"] == "hit", "they show nothing of the chapter"


def test_a_chapter_naming_a_service_reaches_that_service_page_only(client, site, publish_edit):
    """A measure's new link to a service shows on that service's page at the first request
    after the chapter is approved; the other service's page stays cached. Renaming the measure
    reaches the page again, and removing the link takes it away."""
    named, other = site["services"]
    chapter = PlanChapterPage.objects.get(pk=site["chapter"].pk)
    warm(client, named.url, other.url)
    raw = chapter.priorities.stream_block.get_prep_value(chapter.priorities)
    measure = raw[0]["value"]["goals"][0]["value"]["measures"][0]["value"]
    measure["services"] = [
        {"service": named.pk, "planned_service": "", "relation": "rozsirit",
         "capacity_change": "2", "unit": "uvazky"},
    ]  # fmt: skip
    publish_edit(chapter, priorities=raw)
    html = fresh(client, named.url)
    assert "Opatření A</a>" in html and "rozšířit, +2 úvazky" in html
    assert client.get(other.url)["X-Page-Cache"] == "hit"
    measure["title"] = "Opatření A – víkendy"
    publish_edit(chapter, priorities=raw)
    assert "Opatření A – víkendy</a>" in fresh(client, named.url)
    measure["services"] = []
    publish_edit(chapter, priorities=raw)
    assert "Opatření komunitního plánu" not in fresh(client, named.url)
