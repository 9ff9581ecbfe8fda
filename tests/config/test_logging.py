import json
import logging


def _lines(caplog):
    formatter = logging.getLogger().handlers[0].formatter
    return [json.loads(formatter.format(record)) for record in caplog.records]


def test_it_writes_one_json_access_line_per_request_without_the_query(client, db, caplog):
    caplog.set_level(logging.INFO, logger="mpp.access")

    response = client.get("/staff/account/login/?next=/staff/&q=Mar%C3%ADa+Hern%C3%A1ndez")

    access = [line for line in _lines(caplog) if line["logger"] == "mpp.access"]
    assert len(access) == 1
    line = access[0]
    assert line["path"] == "/staff/account/login/" and line["status"] == 200
    assert line["request_id"] == response["X-Request-ID"]
    assert "María" not in json.dumps(line, ensure_ascii=False) and "q=" not in json.dumps(line)


def test_it_keeps_a_well_formed_request_id_from_the_proxy(client, db):
    response = client.get("/healthz", headers={"X-Request-ID": "abc123-proxy-id"})
    assert response["X-Request-ID"] == "abc123-proxy-id"


def test_it_replaces_a_request_id_that_could_forge_log_lines(client, db):
    response = client.get("/healthz", headers={"X-Request-ID": 'x"\n{"level":"fake"}'})
    assert response["X-Request-ID"] != 'x"\n{"level":"fake"}'
    assert len(response["X-Request-ID"]) == 32


def _emitted(caplog):
    """Each captured record as the console handler writes it: its filters, then its format."""
    handler = logging.getLogger().handlers[0]
    lines = []
    for record in caplog.records:
        copy = logging.makeLogRecord(dict(record.__dict__))
        if handler.filter(copy):
            lines.append(handler.format(copy))
    return lines


def test_no_line_carries_a_further_information_token(client, db, caplog):
    import secrets

    caplog.set_level(logging.DEBUG)
    token = secrets.token_urlsafe(32)

    for prefix in ("", "/es", "/pt-br"):
        client.get(f"{prefix}/information/{token}/")
    logging.getLogger("anything").warning("could not answer /ht/information/%s/", token)

    lines = _emitted(caplog)
    access = [json.loads(line) for line in lines if '"mpp.access"' in line]
    assert len(access) == 3
    assert {line["path"].split("/information/")[1] for line in access} == {"[redacted]/"}
    assert all(token not in line for line in lines)


def test_no_line_carries_a_password_reset_token(client, db, caplog, django_user_model):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    caplog.set_level(logging.DEBUG)
    user = django_user_model.objects.create_user("reset.me", email="r@dhs.example")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)

    client.get(f"/staff/account/reset/{uid}/{token}/")
    logging.getLogger("django.request").error("Bad link: /staff/account/reset/%s/%s/", uid, token)

    lines = _emitted(caplog)
    assert any('"path": "/staff/account/reset/[redacted]/"' in line for line in lines)
    assert all(token not in line for line in lines)


def test_ordinary_paths_are_written_as_they_are(client, db, caplog):
    caplog.set_level(logging.INFO, logger="mpp.access")

    client.get("/staff/queues/awaitinginformationcase/")
    client.get("/request/representative/")

    paths = [json.loads(line)["path"] for line in _emitted(caplog) if '"mpp.access"' in line]
    assert paths == ["/staff/queues/awaitinginformationcase/", "/request/representative/"]
