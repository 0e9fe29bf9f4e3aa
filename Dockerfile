# The site under gunicorn, with its static files collected at build time and served by whitenoise.
# docker-compose.yml runs it beside PostgreSQL and Elasticsearch.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=fellowship.settings.production \
    MEDIA_ROOT=/app/media

# The same uv as scripts/install, and only the locked runtime dependencies (no test tools).
RUN pip install --no-cache-dir "uv==0.13.9"
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-install-project --no-cache

COPY . .
# Production settings refuse to load without a real-looking key and hosts; these exist only for
# this step and are not kept in the image.
RUN SECRET_KEY="collectstatic-$(python -c 'import secrets; print(secrets.token_urlsafe(48))')" \
    ALLOWED_HOSTS=build.invalid \
    python manage.py collectstatic --noinput

RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin fellowship \
    && mkdir -p /app/media \
    && chown fellowship /app/media
USER fellowship

EXPOSE 8000
# Migrations, then the cache table that sign-in throttling and rate limits need (both do nothing
# when already applied), then the site.
CMD ["sh", "-c", "python manage.py migrate --noinput && python manage.py createcachetable && exec gunicorn fellowship.wsgi --bind 0.0.0.0:8000 --workers 3 --timeout 30 --access-logfile -"]
