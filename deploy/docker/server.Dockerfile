# segsync-server (the Segment API twin), from the repository root:
#   docker build -f deploy/docker/server.Dockerfile -t segsync-server \
#     --build-arg SEGSYNC_COMMIT=$(git rev-parse --short=12 HEAD) \
#     --build-arg SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) .
#   docker run --rm -v segsync-data:/data -e SEGSYNC_SEED=1000 -p 8080:8080 segsync-server
# The token for clients is written to /data/token (or give one with SEGSYNC_TOKEN_FILE).
FROM rust:1-bookworm AS build
ARG SEGSYNC_COMMIT=unknown
ARG SOURCE_DATE_EPOCH
WORKDIR /src
COPY Cargo.toml Cargo.lock rustfmt.toml ./
COPY api api
COPY build build
COPY exporter exporter
COPY provider provider
COPY proto proto
COPY server server
COPY tests tests
COPY tfplugin tfplugin
RUN SEGSYNC_COMMIT=$SEGSYNC_COMMIT cargo build --release --locked -p segsync-server --bin segsync-server

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* && useradd --create-home --uid 10001 segsync \
    && mkdir /data && chown 10001:10001 /data
COPY --from=build /src/target/release/segsync-server /usr/local/bin/segsync-server
COPY deploy/docker/server-entrypoint.sh /usr/local/bin/segsync-server-entrypoint
USER 10001
VOLUME /data
ENV SEGSYNC_DB=sqlite:/data/segsync.db SEGSYNC_LISTEN=0.0.0.0:8080 SEGSYNC_DATA=/data
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/segsync-server-entrypoint"]
