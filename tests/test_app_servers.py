"""Several app servers: two gunicorn processes on one PostgreSQL database and one Redis. A page
published through one is served new at once by the other, and a session begun on one is valid on
the other: nothing the site needs lives in an app process."""

import os
import socket
import subprocess
import sys
import time
import uuid
from contextlib import ExitStack, closing
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, Request, build_opener

from django.db import connection

import pytest

from kpss_pages import factories
from tests.admin_forms import page_form_data
from tests.route import publish

ROOT = Path(__file__).resolve().parent.parent
REDIS = ("127.0.0.1", 6379)
# Variables of this test run that the app servers must not inherit.
LOCAL_ONLY = {"DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL", "REDIS_URL", "CACHE_KEY_PREFIX"}

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def free_port():
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_is_up():
    try:
        with socket.create_connection(REDIS, timeout=1):
            return True
    except OSError:
        return False


class NoRedirect(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Response:
    def __init__(self, status, headers, body):
        self.status_code, self.headers, self.content = status, headers, body

    def __getitem__(self, name):
        return self.headers.get(name)


class Browser:
    """A browser's cookie jar against one server or another (cookies are per host:port-less
    127.0.0.1, so both nodes see the same session, as behind one load balancer)."""

    def __init__(self):
        self.jar = CookieJar()
        self.opener = build_opener(HTTPCookieProcessor(self.jar), NoRedirect())

    def request(self, url, data=None):
        body = urlencode(data, doseq=True).encode() if data is not None else None
        try:
            # The public name, as a load balancer passes it on whichever node it picks.
            request = Request(url, data=body, headers={"Host": "127.0.0.1"})  # noqa: S310
            with self.opener.open(request, timeout=30) as response:  # noqa: S310
                return Response(response.status, response.headers, response.read())
        except HTTPError as error:
            return Response(error.code, error.headers, error.read())

    def cookie(self, name):
        return next((c.value for c in self.jar if c.name == name), None)


class Node:
    def __init__(self, url):
        self.url = url
        self.browser = None

    def get(self, path):
        return self.browser.request(self.url + path)

    def post(self, path, data):
        return self.browser.request(self.url + path, data)


def start_node(stack, env):
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "kpss_site.wsgi:application",
            "--workers=1",
            f"--bind=127.0.0.1:{port}",
            "--timeout=60",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    stack.callback(lambda: (process.terminate(), process.wait(timeout=20)))
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with closing(socket.create_connection(("127.0.0.1", port), timeout=1)):
                return Node(url)
        except OSError:
            assert process.poll() is None, process.stderr.read().decode()
            time.sleep(0.2)
    raise AssertionError(f"gunicorn on {port} did not start")


@pytest.fixture
def two_nodes(home):
    if connection.vendor != "postgresql":
        pytest.skip("several app servers share a PostgreSQL database, not a SQLite file")
    if not redis_is_up():
        if os.environ.get("CI"):
            pytest.fail("Redis on 127.0.0.1:6379 is needed for the shared cache")
        pytest.skip("no Redis on 127.0.0.1:6379")
    db = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if k not in LOCAL_ONLY}
    env.update(
        DJANGO_SETTINGS_MODULE="kpss_site.settings.test",
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
        f"{db['NAME']}",
        REDIS_URL=f"redis://{REDIS[0]}:{REDIS[1]}/13",
        # A prefix of its own: this run's entries cannot meet another's.
        CACHE_KEY_PREFIX=f"kpss-nodes-{uuid.uuid4().hex[:8]}",
        KPSS_PAGE_CACHE="true",
        CONN_MAX_AGE="60",
    )
    with ExitStack() as stack:
        yield start_node(stack, env), start_node(stack, env)


def test_a_publish_through_one_app_server_is_seen_at_once_through_the_other(
    two_nodes, home, django_user_model
):
    a, b = two_nodes
    page = factories.StandardPageFactory(parent=home, title="Zpráva z uzlu", slug="uzly")
    publish(page)
    django_user_model.objects.create_superuser("spravce", "s@example.cz", "heslo-pro-testy-123")

    visitor = Browser()
    a.browser = b.browser = visitor
    assert b"Zpr\xc3\xa1va z uzlu" in b.get("/uzly/").content
    cached = a.get("/uzly/")
    assert cached["X-Page-Cache"] == "hit", "B's render is in the shared cache, read by A"

    editor = Browser()
    a.browser = b.browser = editor
    login = a.get("/admin/login/")
    assert login.status_code == 200
    signed_in = a.post(
        "/admin/login/",
        {
            "username": "spravce",
            "password": "heslo-pro-testy-123",
            "csrfmiddlewaretoken": editor.cookie("csrftoken"),
            "next": "/admin/",
        },
    )
    assert signed_in.status_code == 302, signed_in.content[:500]
    assert b.get("/admin/").status_code == 200, "the session begun on A is valid on B"

    edit = f"/admin/pages/{page.pk}/edit/"
    data = page_form_data(b, edit, page, title="Zpráva z obou uzlů")
    data["action-publish"] = "action-publish"
    # The admin's script sends the token with the form; the cookie's value is an accepted one.
    data["csrfmiddlewaretoken"] = editor.cookie("csrftoken")
    published = b.post(edit, data)
    assert published.status_code == 302, published.content[:2000]

    a.browser = b.browser = visitor
    fresh = a.get("/uzly/")
    assert fresh.status_code == 200
    assert "Zpráva z obou uzlů" in fresh.content.decode(), "A serves B's publish at once"
    assert fresh["X-Page-Cache"] != "hit"
    assert "Zpráva z obou uzlů" in b.get("/uzly/").content.decode()


# Media on object storage ------------------------------------------------------------------------


def settings_with(env_vars, names):
    """Values of kpss_site.settings.test as a process with these variables loads them."""
    import json

    env = {k: v for k, v in os.environ.items() if k not in LOCAL_ONLY}
    env.update(env_vars, DJANGO_SETTINGS_MODULE="kpss_site.settings.dev")
    code = (
        "import django, json; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def s3_server():
    """An S3-compatible server (moto's) on a free port, with an empty bucket."""
    boto3 = pytest.importorskip("boto3")
    moto_server = pytest.importorskip("moto.server")
    port = free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    credentials = {"aws_access_key_id": "kpss-test", "aws_secret_access_key": "kpss-test-secret"}
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="eu-central-1", **credentials)
    s3.create_bucket(
        Bucket="kpss-media", CreateBucketConfiguration={"LocationConstraint": "eu-central-1"}
    )
    saved = {k: os.environ.get(k) for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")}
    os.environ["AWS_ACCESS_KEY_ID"] = credentials["aws_access_key_id"]
    os.environ["AWS_SECRET_ACCESS_KEY"] = credentials["aws_secret_access_key"]
    try:
        yield endpoint, s3
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        server.stop()


@pytest.mark.django_db(transaction=False)
def test_with_a_bucket_configured_uploads_go_to_object_storage_and_are_served_from_it(
    s3_server, admin_client, settings, home
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from wagtail.documents import get_document_model

    endpoint, s3 = s3_server
    configured = settings_with(
        {
            "AWS_STORAGE_BUCKET_NAME": "kpss-media",
            "AWS_S3_ENDPOINT_URL": endpoint,
            "AWS_S3_REGION_NAME": "eu-central-1",
        },
        ["STORAGES"],
    )["STORAGES"]
    assert configured["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    settings.STORAGES = {**settings.STORAGES, "default": configured["default"]}
    media_before = sorted(Path(settings.MEDIA_ROOT).rglob("*"))

    content = "Zápis z jednání pracovní skupiny Senioři\n".encode()
    response = admin_client.post(
        "/admin/documents/add/",
        {
            "title": "Zápis",
            "collection": "1",
            "file": SimpleUploadedFile("zapis.txt", content, content_type="text/plain"),
        },
    )
    assert response.status_code == 302, response.content[:1000]
    document = get_document_model().objects.get(title="Zápis")
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket="kpss-media").get("Contents", [])]
    assert keys == [document.file.name], "stored in the bucket"
    assert sorted(Path(settings.MEDIA_ROOT).rglob("*")) == media_before, "nothing on local disk"

    served = admin_client.get(document.url)
    if served.status_code == 302:  # served by a signed link to the bucket
        import urllib.request

        with urllib.request.urlopen(served["Location"], timeout=10) as remote:  # noqa: S310
            body = remote.read()
    else:
        assert served.status_code == 200
        body = b"".join(served.streaming_content)
    assert body == content
