# Sourced by scripts/test: make sure PostgreSQL and Redis run on loopback, installing and
# starting them where we may, and export the URLs the settings read.
PG_PORT="${PG_PORT:-5432}"
REDIS_PORT="${REDIS_PORT:-6379}"
PG_USER=mpp
PG_PASSWORD=mpp-test-only

start_postgres() {
    if pg_isready -q -h 127.0.0.1 -p "$PG_PORT" 2>/dev/null; then
        return 0
    fi
    if command -v pg_lsclusters >/dev/null; then
        local cluster
        cluster=$(pg_lsclusters --no-header | awk -v port="$PG_PORT" '$3 == port {print $1" "$2; exit}')
        if [ -n "$cluster" ] && [ "$(id -u)" -eq 0 ]; then
            say "Starting PostgreSQL cluster $cluster"
            # shellcheck disable=SC2086
            pg_ctlcluster $cluster start
        fi
    fi
    for _ in $(seq 1 30); do
        pg_isready -q -h 127.0.0.1 -p "$PG_PORT" && return 0
        sleep 1
    done
    echo "PostgreSQL is not answering on 127.0.0.1:$PG_PORT. Start it (for example" \
         "'sudo pg_ctlcluster 15 main start') or set DATABASE_URL to a server you can use." >&2
    exit 1
}

ensure_postgres_role() {
    # The test role may create the test database; run as the postgres superuser when we can.
    if [ "$(id -u)" -eq 0 ] && id postgres >/dev/null 2>&1; then
        su postgres -c "psql -q -p $PG_PORT -tAc \"SELECT 1 FROM pg_roles WHERE rolname='$PG_USER'\"" | grep -q 1 \
            || su postgres -c "psql -q -p $PG_PORT -c \"CREATE ROLE $PG_USER LOGIN CREATEDB CREATEROLE PASSWORD '$PG_PASSWORD'\""
        su postgres -c "psql -q -p $PG_PORT -tAc \"SELECT 1 FROM pg_database WHERE datname='mpp'\"" | grep -q 1 \
            || su postgres -c "createdb -p $PG_PORT -O $PG_USER mpp"
    fi
}

start_redis() {
    if redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
        return 0
    fi
    say "Starting Redis on 127.0.0.1:$REDIS_PORT"
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --save "" --appendonly no \
        --logfile "$ROOT/var/redis.log"
    for _ in $(seq 1 20); do
        redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0
        sleep 0.5
    done
    echo "Redis did not start; see var/redis.log" >&2
    exit 1
}

real_services() {
    mkdir -p "$ROOT/var"
    if [ -z "${DATABASE_URL:-}" ]; then
        apt_install postgresql
        start_postgres
        ensure_postgres_role
        export DATABASE_URL="postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/mpp"
    fi
    if [ -z "${REDIS_URL:-}" ]; then
        apt_install redis-server
        start_redis
        export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
    fi
    export CELERY_BROKER_URL="${CELERY_BROKER_URL:-${REDIS_URL%/*}/1}"
    export CELERY_TASK_ALWAYS_EAGER="${CELERY_TASK_ALWAYS_EAGER:-false}"
}
