# Production image: gunicorn for the web, the same image for the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
# WeasyPrint needs Pango; gettext is not needed (translations compile with polib).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
       libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 portal

WORKDIR /app
COPY pyproject.toml constraints.txt ./
RUN pip install --no-cache-dir -c constraints.txt .
COPY . .

# Build-time values only: collectstatic and the translation compile need settings to load.
RUN DJANGO_DEBUG=false SECRET_KEY=build-only ALLOWED_HOSTS=build DATABASE_URL=postgresql://build/build \
    REDIS_URL=redis://build:6379/0 sh -c "python manage.py collectstatic --noinput && python manage.py compiletranslations"

USER portal
EXPOSE 8000
CMD ["gunicorn", "yhteisokeskus.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
