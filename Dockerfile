# Multi-stage: build the web app (when there is one), then a slim Python image that runs `board serve`.
FROM node:20-bookworm-slim AS frontend
WORKDIR /src
COPY . .
RUN mkdir -p board/static && \
    if [ -f frontend/package.json ]; then cd frontend && npm ci --no-audit --no-fund && npm run build; fi

FROM python:3.11-slim-bookworm AS app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    BOARD_INSTANCE_DIR=/data BOARD_ASYNC_MODE=eventlet
WORKDIR /app
COPY pyproject.toml README.md requirements.lock ./
COPY board/ board/
COPY seeds/ seeds/
COPY --from=frontend /src/board/static/ board/static/
# Pango and a font for WeasyPrint (the PDF report)
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
# editable: the package stays beside seeds/ (board seed demo reads seeds/demo.yaml)
RUN pip install --no-cache-dir -c requirements.lock -e . && useradd --system --home /app board && mkdir -p /data && chown board /data
USER board
VOLUME /data
EXPOSE 5000
# Migrate, then serve. Set BOARD_DATABASE_URL / BOARD_REDIS_URL / BOARD_SECRET_KEY for production
# (see docs/deploy.md); `docker run IMAGE board seed demo` loads the demo data.
CMD ["sh", "-c", "board db upgrade && exec board serve --host 0.0.0.0 --port ${PORT:-5000}"]
