import pytest

from tests.faults.services import Inbox, ThrowawayRedis, Worker, publishing_to


@pytest.fixture
def broker(tmp_path):
    redis = ThrowawayRedis(tmp_path)
    with publishing_to(redis.url):
        yield redis
    redis.stop()


@pytest.fixture
def inbox():
    server = Inbox()
    server.controller.start()
    yield server
    server.controller.stop()


@pytest.fixture
def worker_for(tmp_path):
    started = []

    def start(broker, inbox, **extra_env):
        worker = Worker(
            broker_url=broker.url,
            smtp_port=inbox.port,
            log_path=tmp_path / "worker.log",
            extra_env=extra_env,
        )
        worker.start()
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()
