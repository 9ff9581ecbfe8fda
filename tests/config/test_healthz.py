import socket


def _closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_it_reports_every_dependency_healthy(client, db, settings):
    assert settings.REDIS_URL, "the suite runs against a real Redis"

    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["redis"] == "ok"
    assert body["checks"]["storage"] == "ok"
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_it_answers_503_when_redis_is_unreachable(client, db, settings):
    settings.REDIS_URL = f"redis://127.0.0.1:{_closed_port()}/0"

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["redis"] == "failing"
    assert response.json()["checks"]["database"] == "ok"


def test_it_answers_503_when_clamd_is_configured_but_down(client, db, settings):
    settings.CLAMD_TCP_ADDRESS = f"127.0.0.1:{_closed_port()}"

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["clamd"] == "failing"
