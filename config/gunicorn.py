"""gunicorn settings of the web container: ``gunicorn config.wsgi -c python:config.gunicorn``.

One process per core and four threads in each: while one request waits on PostgreSQL (about
half of the request that opens a case), another runs. On the two-core benchmark machine this
beat 5 processes x 2 threads and 3 x 4 on the public submission (docs/performance.md). In a
container, os.cpu_count() is the host's count: set GUNICORN_WORKERS to the cores the
container may use. Keep DATABASE_CONN_MAX_AGE on (each thread keeps one connection).
"""

import os

workers = int(os.environ.get("GUNICORN_WORKERS", os.cpu_count() or 1))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# No keep-alive: each response closes its connection, so the next request is accepted by
# whichever process is free. With keep-alive a connection stays on the process that accepted
# it and one process could hold most of a busy client's connections (docs/decisions.md; the
# proxy in front keeps the clients' connections open).
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 0))
