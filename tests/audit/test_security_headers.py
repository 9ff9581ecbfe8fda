"""Every response carries the security headers; the policy allows nothing inline."""

import pytest

PAGES = ["/", "/staff/account/login/"]


@pytest.mark.parametrize("path", PAGES)
def test_it_sends_a_content_security_policy_without_inline_code(client, db, path):
    response = client.get(path)
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


@pytest.mark.parametrize("path", PAGES)
def test_it_denies_framing_sniffing_and_cross_site_referrers(client, db, path):
    response = client.get(path)
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_staff_pages_use_no_inline_script_or_style(client, db):
    page = client.get("/staff/account/login/").content.decode()
    assert "<script>" not in page
    assert "<style" not in page
    assert "style=" not in page


def test_it_sends_hsts_over_https_when_transport_security_is_on(client, db, settings):
    settings.SECURE_HSTS_SECONDS = 63072000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/staff/account/login/", secure=True)
    assert response.headers["Strict-Transport-Security"].startswith("max-age=63072000")
