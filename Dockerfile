# Quipu: build the release binary, then run it on a slim Debian with the
# bundled dataset. `docker compose up` runs it with PostgreSQL (compose.yaml).
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin quipu

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
RUN useradd --system --home /srv/quipu quipu
WORKDIR /srv/quipu
COPY --from=build /src/target/release/quipu /usr/local/bin/quipu
COPY data ./data
USER quipu
ENV QUIPU_ADDR=0.0.0.0:8000 \
    QUIPU_DATA_DIR=/srv/quipu/data \
    QUIPU_LOG_FORMAT=json \
    DATABASE_URL=sqlite:///srv/quipu/quipu.db?mode=rwc
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s CMD ["/bin/sh", "-c", "exec 3<>/dev/tcp/127.0.0.1/8000"]
CMD ["quipu", "serve"]
