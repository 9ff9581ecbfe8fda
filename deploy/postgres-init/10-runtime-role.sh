#!/bin/sh
# Run once by the postgres image on an empty data directory: the role web, worker and beat
# sign in as. The migrate service grants it its privileges after every migration.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v password="$POSTGRES_APP_PASSWORD" <<'SQL'
CREATE ROLE mpp_app LOGIN PASSWORD :'password';
SQL
