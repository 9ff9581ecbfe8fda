import pytest

from tests.faults.services import Inbox, ThrowawayRedis, Worker, publishing_to


@pytest.fixture
def broker(tmp_path, settings):
    """Redis as production uses it, broker and cache at once, on its own port."""
    redis = ThrowawayRedis(tmp_path)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis.url.replace("/0", "/1"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
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
