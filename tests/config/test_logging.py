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
