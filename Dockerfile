# The Loopbrug image: one image for web, worker and beat (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
# Pango and HarfBuzz for WeasyPrint (the PDFs); the PDFs bring their own Noto Sans under
# static/, DejaVu Sans draws what it lacks (the check marks, other scripts).
RUN apt-get update \
 && apt-get install -y --no-install-recommends gcc libpq-dev \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY loopbrug loopbrug
COPY accounts accounts
COPY taxonomy taxonomy
COPY profiles profiles
COPY journeys journeys
COPY matching matching
COPY financing financing
COPY onboarding onboarding
COPY workspace workspace
RUN pip install .
COPY . .
RUN SECRET_KEY=build-only-never-used-to-sign-anything-0123456789abcdef python manage.py collectstatic --no-input -v0 \
 && useradd --create-home loopbrug && chown -R loopbrug /app/var
USER loopbrug
EXPOSE 8000
CMD ["gunicorn", "loopbrug.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
