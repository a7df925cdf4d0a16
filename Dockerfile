# Production image for web, worker and beat (see docker-compose.yml). Not built on the development
# machines (no Docker engine there); keep it in step with scripts/bootstrap and npt/settings/base.py.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=npt.settings.production

# GeoDjango's C libraries (the same Debian 12 packages scripts/bootstrap installs); psycopg2-binary
# brings its own libpq.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgdal32 libgeos-c1v5 libproj25 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, so code changes do not reinstall them: [project].dependencies from
# pyproject.toml, pinned by requirements/constraints.txt (the dev group is not installed).
COPY pyproject.toml ./
COPY requirements/constraints.txt requirements/constraints.txt
RUN python -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))' \
        > /tmp/requirements.txt \
    && pip install -c requirements/constraints.txt -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY . .

# Static files are collected at build time and served by whitenoise. The settings need a secret key
# to load; this one exists only during the build and is never used at run time.
RUN DJANGO_SECRET_KEY=collectstatic-only DATABASE_URL=postgis://build@localhost/build \
        python manage.py collectstatic --noinput -v 0

RUN useradd --system --uid 10001 --home-dir /app npt
USER npt

EXPOSE 8000
CMD ["gunicorn", "npt.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
