#!/bin/sh
# Container entrypoint for segsync-server (the Segment API twin).
#   SEGSYNC_DB (default sqlite:$SEGSYNC_DATA/segsync.db) holds the workspace; on its first start:
#   SEGSYNC_SEED=N seeds about N resources (deterministic), and an admin token is created and
#   written to $SEGSYNC_DATA/token (mode 600), never to the log. Later starts keep both.
#   Arguments go to `segsync-server serve` (flags also come from SEGSYNC_* variables).
set -eu

: "${SEGSYNC_DATA:=/data}"
: "${SEGSYNC_DB:=sqlite:$SEGSYNC_DATA/segsync.db}"
export SEGSYNC_DB
mkdir -p "$SEGSYNC_DATA"

token_file="$SEGSYNC_DATA/token"
if [ ! -s "$token_file" ]; then
  if [ -n "${SEGSYNC_SEED:-}" ]; then
    segsync-server seed --db "$SEGSYNC_DB" --resources "$SEGSYNC_SEED" --seed "${SEGSYNC_SEED_VALUE:-1}" >/dev/null
  fi
  umask 077
  segsync-server token create --db "$SEGSYNC_DB" --name "${SEGSYNC_TOKEN_NAME:-admin}" \
    --email "${SEGSYNC_TOKEN_EMAIL:-admin@example.com}" > "$token_file.new"
  mv "$token_file.new" "$token_file"
  echo "entrypoint: an admin token is in $token_file" >&2
fi

exec segsync-server serve "$@"
