# Helpers shared by the service scripts; sourced, not run.
# The servers run as an unprivileged user (both refuse to run as root), listen on 127.0.0.1 only,
# on a free port, and keep their data in a throwaway directory.

SERVICE_USER="${FELLOWSHIP_SERVICE_USER:-fellowship-svc}"

say() {
  printf '%s\n' "$*" >&2
}

die() {
  say "error: $*"
  exit 1
}

# Where downloads and unpacked servers are kept between runs. Root's home is closed to other
# users, so as root the cache lives where the service user can read it.
cache_dir() {
  local dir
  if [ "$(id -u)" -eq 0 ]; then
    dir="${FELLOWSHIP_CACHE_DIR:-/var/cache/fellowship-hub}"
  else
    dir="${FELLOWSHIP_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/fellowship-hub}"
  fi
  mkdir -p "$dir"
  chmod 755 "$dir"
  printf '%s\n' "$dir"
}

ensure_service_user() {
  [ "$(id -u)" -eq 0 ] || return 0
  if ! id -u "$SERVICE_USER" >/dev/null 2>&1; then
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$SERVICE_USER" \
      || die "could not create the system user $SERVICE_USER"
  fi
}

# Run a command as the service user when we are root, as ourselves otherwise.
as_service_user() {
  if [ "$(id -u)" -eq 0 ]; then
    setpriv --reuid="$(id -u "$SERVICE_USER")" --regid="$(id -g "$SERVICE_USER")" --clear-groups \
      env HOME="${SERVICE_HOME:-/tmp}" USER="$SERVICE_USER" LOGNAME="$SERVICE_USER" "$@"
  else
    "$@"
  fi
}

# Hand a directory to the service user.
give_to_service_user() {
  if [ "$(id -u)" -eq 0 ]; then
    chown -R "$SERVICE_USER:$(id -gn "$SERVICE_USER")" "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Make sure a throwaway directory's parents let the service user in (mktemp makes 0700 dirs).
open_for_service_user() {
  chmod 755 "$1"
}

new_workdir() {
  local dir
  dir="$(mktemp -d "${TMPDIR:-/tmp}/fellowship-$1.XXXXXX")"
  open_for_service_user "$dir"
  printf '%s\n' "$dir"
}

# Wait for a pid file to be written and the process in it to exit, at most $2 seconds.
wait_for_exit() {
  local pid="$1" timeout="$2" waited=0
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$waited" -ge "$timeout" ]; then
      return 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
}
