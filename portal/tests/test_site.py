import pytest

pytestmark = pytest.mark.django_db


def test_language_choice_is_a_cookie_and_rejects_unknown_codes(client):
    response = client.get("/language/en/?next=/services/")
    assert response.status_code == 302
    assert response["Location"] == "/services/"
    assert response.cookies["django_language"].value == "en"
    assert client.get("/language/xx/").status_code == 404


def test_language_choice_never_redirects_off_site(client):
    response = client.get("/language/en/?next=https://evil.example.com/")
    assert response["Location"] == "/"


def test_anonymous_home_has_no_csrf_token_and_is_chinese(client):
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert "csrfmiddlewaretoken" not in body
    assert 'lang="zh-CN"' in body


def test_large_text_toggle(client):
    response = client.get("/large-text/?next=/")
    assert response.cookies["ywtb_large_text"].value == "1"
    assert 'class="large-text"' in client.get("/").content.decode()


def test_healthz_and_csp_header(client):
    response = client.get("/healthz")
    assert response.content == b"ok"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
