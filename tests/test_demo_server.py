"""`make run` serves the demo as a visitor gets it: DEBUG is off, so a missing page is the site's
Czech 404 page, never Django's debug page listing every URL; static files, media and the admin
still work."""

import re
from contextlib import ExitStack

from django.contrib.auth.hashers import PBKDF2PasswordHasher

import pytest

from tests.servers import Browser, database_url, free_port, server_env, start

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_make_serve_answers_with_the_czech_404_page_and_still_serves_static_media_and_admin(
    home, django_user_model, tmp_path
):
    # Hashed as the server's settings expect (the tests' settings use a faster hasher).
    hasher = PBKDF2PasswordHasher()
    django_user_model.objects.create_superuser("spravce", "s@example.cz", password=None)
    django_user_model.objects.filter(username="spravce").update(
        password=hasher.encode("heslo-pro-testy-123", hasher.salt())
    )
    media = tmp_path / "media"
    (media / "images").mkdir(parents=True)
    (media / "images" / "znak.txt").write_text("znak obce")
    port = free_port()
    env = server_env(DATABASE_URL=database_url(tmp_path), MEDIA_ROOT=str(media))
    with ExitStack() as stack:
        command = ["make", "--no-print-directory", "serve", f"PORT={port}"]
        start(stack, command, env, port, tmp_path / "server.log")
        browser = Browser()
        url = f"http://127.0.0.1:{port}"

        missing = browser.request(f"{url}/tato-stranka-neexistuje/")
        html = missing.content.decode()
        assert missing.status_code == 404
        assert "Stránka nenalezena" in html and '<html lang="cs">' in html
        assert "URLconf" not in html and "DEBUG = True" not in html, "Django's debug page"

        assert browser.request(f"{url}/static/css/site.css").status_code == 200
        assert browser.request(f"{url}/media/images/znak.txt").content == b"znak obce"

        login = browser.request(f"{url}/admin/login/")
        assert login.status_code == 200
        assets = re.findall(r'(?:href|src)="(/static/wagtailadmin/[^"?]+)', login.content.decode())
        assert assets
        for asset in assets:
            assert browser.request(url + asset).status_code == 200, asset
        signed_in = browser.request(
            f"{url}/admin/login/",
            {
                "username": "spravce",
                "password": "heslo-pro-testy-123",
                "csrfmiddlewaretoken": browser.cookie("csrftoken"),
                "next": "/admin/",
            },
        )
        assert signed_in.status_code == 302, signed_in.content[:500]
        assert browser.request(f"{url}/admin/").status_code == 200
