# The Loopbrug image: one image for web, worker, beat and the one-shot migrate (see
# docker-compose.yml). Two stages: the builder has the compilers and turns the locked
# dependencies (requirements.lock) into wheels; the final image has no compiler, installs those
# wheels and holds the app once, as its source under /app (nothing of it in site-packages).

FROM python:3.11-slim AS builder
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
# For a dependency that has no wheel for this platform (most have: psycopg2-binary included).
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential libpq-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /build
COPY requirements.lock .
RUN pip wheel --wheel-dir /wheels -r requirements.lock

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
# Pango and HarfBuzz for WeasyPrint (the PDFs); the PDFs bring their own Noto Sans under
# static/, DejaVu Sans draws what it lacks (the check marks, other scripts).
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
COPY --from=builder /wheels /wheels
COPY requirements.lock /tmp/requirements.lock
RUN pip install --no-index --find-links /wheels -r /tmp/requirements.lock \
 && rm -rf /wheels /tmp/requirements.lock
WORKDIR /app
COPY . .
# Static files collected at build time; var/media (uploads) is a volume owned by the app user.
RUN SECRET_KEY=build-only-collectstatic-never-used-to-serve-anything-at-all \
    python manage.py collectstatic --no-input -v0 \
 && mkdir -p /app/var/media \
 && useradd --create-home loopbrug && chown -R loopbrug /app/var
USER loopbrug
EXPOSE 8000
# gunicorn.conf.py: bind 0.0.0.0:8000, workers, the access log in the app's log format.
CMD ["gunicorn", "loopbrug.wsgi"]
