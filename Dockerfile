# syntax=docker/dockerfile:1
# Build stage: the same pinned dependency list CI installs (pyproject.toml).
FROM python:3.11-slim-bookworm AS build
WORKDIR /app
RUN python -m venv /venv
COPY pyproject.toml ./
COPY config config
COPY cases cases
COPY routing routing
COPY intake intake
COPY staff staff
COPY audit audit
COPY accounts accounts
COPY reporting reporting
RUN /venv/bin/pip install --no-cache-dir .

# Front-end assets: USWDS, pinned in package-lock.json (axe-core is for tests only).
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# Run stage: no compiler, a non-root user, compiled catalogues and collected static files.
FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends libmagic1 gettext \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home /app mpp
WORKDIR /app
COPY --from=build /venv /venv
COPY . .
COPY --from=assets /app/node_modules /app/node_modules
ENV PATH=/venv/bin:$PATH PYTHONUNBUFFERED=1 DJANGO_STATIC_ROOT=/app/staticfiles
RUN python manage.py compilemessages -v 0 --ignore=.venv || true \
    && python manage.py collectstatic --noinput -v 0 \
    && mkdir -p /data/documents && chown -R mpp /data
USER mpp
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "-c", "python:config.gunicorn"]
