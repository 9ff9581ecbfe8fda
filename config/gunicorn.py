"""gunicorn settings of the web container: ``gunicorn config.wsgi -c python:config.gunicorn``.

One process per core and two threads in each: while one request waits on PostgreSQL (about
half of the request that opens a case), the other runs; more threads than that only contend
for the interpreter's lock once the pages are CPU-bound. Paired runs on the two-core
benchmark machine (docs/decisions.md): 2 x 2 against 2 x 4 gave 8.6 and 6.6 complete public
submissions a second against 5.2 and 5.9, a queue page 62 against 53 req/s and the case page
37 against 27 req/s, with lower p95 throughout. In a
container, os.cpu_count() is the host's count: set GUNICORN_WORKERS to the cores the
container may use. Keep DATABASE_CONN_MAX_AGE on (each thread keeps one connection).
"""

import os

workers = int(os.environ.get("GUNICORN_WORKERS", os.cpu_count() or 1))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
# No keep-alive: each response closes its connection, so the next request is accepted by
# whichever process is free. With keep-alive a connection stays on the process that accepted
# it and one process could hold most of a busy client's connections (docs/decisions.md; the
# proxy in front keeps the clients' connections open).
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 0))
