#!/bin/sh
# Container entrypoint for segsync-export.
#   SEGSYNC_MODE=watch (default) follows the workspace; SEGSYNC_MODE=once runs one reconcile.
#   Secrets may come as files (Docker/Kubernetes secrets): PUBLIC_API_TOKEN_FILE,
#   SEGSYNC_SSH_PASSPHRASE_FILE, SEGSYNC_GIT_TOKEN_FILE. SEGSYNC_KNOWN_HOSTS_TEXT may hold the
#   known_hosts lines themselves. SEGSYNC_SSH_KEY may be a mounted secret file of any mode: a
#   private copy (mode 600) is what ssh is given, since ssh refuses group-readable keys and
#   Kubernetes mounts secrets group-readable for the pod's fsGroup.
set -eu

from_file() {
  # from_file VAR: when VAR_FILE names a file, VAR takes its content (without the final newline).
  eval "file=\${$1_FILE:-}"
  if [ -n "$file" ]; then
    if [ ! -r "$file" ]; then
      echo "entrypoint: $1_FILE=$file is not readable" >&2
      exit 2
    fi
    eval "$1=\$(cat \"\$file\")"
    export "$1"
  fi
}
from_file PUBLIC_API_TOKEN
from_file SEGSYNC_SSH_PASSPHRASE
from_file SEGSYNC_GIT_TOKEN

: "${SEGSYNC_HOME:=${HOME:-/tmp}/segsync}"
mkdir -p "$SEGSYNC_HOME"
if [ -n "${SEGSYNC_KNOWN_HOSTS_TEXT:-}" ]; then
  printf '%s\n' "$SEGSYNC_KNOWN_HOSTS_TEXT" > "$SEGSYNC_HOME/known_hosts"
  SEGSYNC_KNOWN_HOSTS="$SEGSYNC_HOME/known_hosts"
  export SEGSYNC_KNOWN_HOSTS
fi
if [ -n "${SEGSYNC_SSH_KEY:-}" ]; then
  if [ ! -r "$SEGSYNC_SSH_KEY" ]; then
    echo "entrypoint: SEGSYNC_SSH_KEY=$SEGSYNC_SSH_KEY is not readable" >&2
    exit 2
  fi
  (umask 077 && cat "$SEGSYNC_SSH_KEY" > "$SEGSYNC_HOME/ssh_key")
  SEGSYNC_SSH_KEY="$SEGSYNC_HOME/ssh_key"
  export SEGSYNC_SSH_KEY
fi
: "${SEGSYNC_WORKDIR:=$SEGSYNC_HOME/work}"
export SEGSYNC_WORKDIR

if [ -z "${SEGSYNC_REPO:-}" ] || [ -z "${PUBLIC_API_TOKEN:-}" ]; then
  echo "entrypoint: SEGSYNC_REPO and PUBLIC_API_TOKEN (or PUBLIC_API_TOKEN_FILE) are required" >&2
  exit 2
fi

case "${SEGSYNC_MODE:-watch}" in
  watch) exec segsync-export --watch "$@" ;;
  once) exec segsync-export --once "$@" ;;
  *) echo "entrypoint: SEGSYNC_MODE must be watch or once" >&2; exit 2 ;;
esac
