# segsync-export, from the repository root:
#   docker build -f deploy/docker/export.Dockerfile -t segsync-export \
#     --build-arg SEGSYNC_COMMIT=$(git rev-parse --short=12 HEAD) \
#     --build-arg SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) .
#   docker run --rm -e SEGSYNC_REPO=ssh://git@git.example.com/infra/segment.git \
#     -e PUBLIC_API_TOKEN_FILE=/run/secrets/segment-token -v "$PWD/segment-token:/run/secrets/segment-token:ro" \
#     -e SEGSYNC_SSH_KEY=/run/secrets/deploy-key -v "$PWD/deploy-key:/run/secrets/deploy-key:ro" \
#     -e SEGSYNC_KNOWN_HOSTS_TEXT="$(ssh-keyscan git.example.com)" -p 9464:9464 segsync-export
# (.git is not in the build context: the commit and date come as build arguments.)
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
RUN SEGSYNC_COMMIT=$SEGSYNC_COMMIT cargo build --release --locked -p segsync-export --bin segsync-export

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends git openssh-client ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* && useradd --create-home --uid 10001 segsync
COPY --from=build /src/target/release/segsync-export /usr/local/bin/segsync-export
COPY deploy/docker/export-entrypoint.sh /usr/local/bin/segsync-export-entrypoint
USER 10001
WORKDIR /home/segsync
ENV SEGSYNC_MODE=watch SEGSYNC_LOG=info SEGSYNC_LISTEN=0.0.0.0:9464 SEGSYNC_HOME=/home/segsync
# /healthz is 200 while the Segment API and the git remote answered within 3 intervals (503 with
# the reason otherwise); /metrics is for Prometheus. A --once run ignores SEGSYNC_LISTEN.
EXPOSE 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=2m CMD curl -fsS http://127.0.0.1:9464/healthz || exit 1
ENTRYPOINT ["/usr/local/bin/segsync-export-entrypoint"]
