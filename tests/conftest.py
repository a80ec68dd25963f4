import os
import shutil

from django.apps import apps
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate

from wagtail.models import Site

import pytest

from kpss_pages import factories
from tests.route import publish

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: rolled-back data leaves no stamps behind."""
    from django.core.cache import caches

    for alias in caches:
        caches[alias].clear()


def provision():
    call_command("kpss_setup", stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture(scope="session")
def provision_after_migrations():
    """`kpss_setup` runs once, as soon as the test database is migrated (Django's post_migrate
    signal of the last app, after every app's own handlers): each test's transaction is rolled
    back to the provisioned state, and the transactional tests' serialized_rollback restores it,
    since Django serializes the test database after migrating it. Later migrations (a restore's
    fresh database) are left alone."""
    last_app = [config for config in apps.get_app_configs() if config.models_module][-1]

    def provision_once(using, **kwargs):
        if using == DEFAULT_DB_ALIAS:
            post_migrate.disconnect(provision_once, sender=last_app)
            provision()

    post_migrate.connect(provision_once, sender=last_app, weak=False)


@pytest.fixture(scope="session")
def django_db_setup(provision_after_migrations, django_db_setup):
    """pytest-django's database setup, with `provision_after_migrations` listening first."""


@pytest.fixture
def setup_data(db):
    """Locales, the registry's code lists and the home page, as `kpss_setup` provisions them.
    A transactional test (run after the others) empties the database: provision it again."""
    if not Site.objects.filter(is_default_site=True).exists():
        provision()


@pytest.fixture
def home(setup_data):
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def organisation(db):
    return factories.OrganisationFactory(name="Charita Test")


@pytest.fixture
def working_group(home):
    index = factories.WorkingGroupIndexPageFactory(parent=home)
    return factories.WorkingGroupPageFactory(parent=index, title="Senioři")


@pytest.fixture
def plan(home):
    return factories.CommunityPlanPageFactory(parent=home, title="Plán 2026–2029")


@pytest.fixture
def chapter(plan, working_group, organisation):
    """A published chapter: priority 1 with one goal and three measures."""
    measures = [
        factories.measure_value(f"Opatření {name}", organisation) for name in ("A", "B", "C")
    ]
    page = factories.PlanChapterPageFactory(
        parent=plan,
        title="Senioři",
        number=1,
        working_group=working_group,
        priorities=[factories.priority_value("Péče doma", [("Terénní služby", measures)])],
    )
    publish(page)
    return page


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        "spravce", "spravce@example.cz", "heslo-12345678"
    )
    client.force_login(user)
    return client


@pytest.fixture
def make_user(django_user_model):
    """A user in the named groups, with a Czech admin profile and an e-mail for notifications."""
    from django.contrib.auth.models import Group

    def make(username, *group_names, superuser=False):
        user = django_user_model.objects.create_user(
            username,
            f"{username}@example.cz",
            "heslo-pro-testy-123",
            first_name=username.capitalize(),
            is_superuser=superuser,
            is_staff=superuser,
        )
        for name in group_names:
            user.groups.add(Group.objects.get(name=name))
        return user

    return make


@pytest.fixture
def browser_page():
    # Playwright's sync API runs an event loop in this thread; Django only needs telling.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        yield page
        browser.close()
