#!/usr/bin/env bash
# A real OpenXR runtime for the XR tests: Monado 25 with a simulated headset in a Debian trixie
# chroot (Debian 12 has the OpenXR loader but no runtime, and Monado's client library needs
# trixie's glibc), with Mesa's software GL/Vulkan and a venv holding the project.
#
# usage: tests/xr/runtime.sh COMMAND ...
#   check                      exit 0 when this machine can host the runtime, else print why
#   build                      build the cached chroot if needed; print its path
#   path                       print the chroot's path (exit 1 when it is not built)
#   start SESSION [OPTIONS]    start monado-service for a session (a host directory) and wait
#                              until it accepts clients.  Options:
#                                --driver simulated|remote   simulated: a wobbling HMD (default);
#                                    remote: HMD and Index controllers driven over TCP
#                                    (port in SESSION/remote_port)
#                                --display    start Xvfb and Monado's real compositor on it
#                                             (display number in SESSION/display) instead of
#                                             the null compositor
#                                VAR=value    extra environment for the service
#   run SESSION [VAR=value...] [--] CMD...
#                              run CMD in the chroot as an OpenXR client of that session: the
#                              checkout is mounted read-only at /src, SESSION at /run/session
#   stop SESSION               stop the session's service (TERM, then KILL after 5 s)
#   kill SESSION               kill the service at once (what a crashed runtime looks like)
#
# Nothing is mounted in the host's mount namespace: every chroot process runs inside its own
# mount and PID namespace (unshare), so its mounts vanish and its processes die with it, even
# when the test that started it is killed.  Sessions are independent (own IPC socket, X display,
# TCP port), so parallel test runs can share one cached chroot.
#
# VR_STATION_XR=off makes `check` fail, so `make test` skips the XR tier (quick local runs).
# Cache: $VR_STATION_XR_CACHE, else /var/cache/vr-station/xr-runtime (root) or
# $XDG_CACHE_HOME/vr-station/xr-runtime.  The chroot's name carries a hash of everything that
# goes into it (Debian packages, the project's Python dependencies, this script's recipe), so a
# changed dependency set builds a new one; older ones are removed once nobody uses them.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
RECIPE_VERSION=1
SUITE=trixie
# Monado with its simulated and remote drivers, the OpenXR loader, Mesa's software GL (EGL and
# GLX) and Vulkan (Monado's compositor), Python, and an X server for the real compositor.
CHROOT_PACKAGES="monado-service libopenxr1-monado libopenxr-loader1 mesa-vulkan-drivers
  libgl1-mesa-dri libegl1 libegl-mesa0 libgles2 libgl1 libglx-mesa0 python3 python3-venv
  ca-certificates xvfb xauth x11-apps"
# Station run-time packages (espeak-ng, PortAudio, …): the chroot runs the real app.
RUN_PACKAGES_FILE="$repo/scripts/debian/run.txt"
# Generous: Monado starts its compositor on software Vulkan, slow on a loaded 2-core machine.
SERVICE_START_TIMEOUT_S=${XR_SERVICE_START_TIMEOUT_S:-90}

if [ "$(id -u)" -eq 0 ]; then default_cache=/var/cache/vr-station/xr-runtime
else default_cache=${XDG_CACHE_HOME:-$HOME/.cache}/vr-station/xr-runtime; fi
CACHE=${VR_STATION_XR_CACHE:-$default_cache}

die() { echo "xr-runtime: $*" >&2; exit 1; }
log() { echo "xr-runtime: $*" >&2; }

# Why this machine cannot host the runtime (empty when it can).
why_not() {
  [ "${VR_STATION_XR:-on}" != off ] || { echo "switched off (VR_STATION_XR=off)"; return; }
  [ "$(uname -s)" = Linux ] || { echo "not Linux ($(uname -s))"; return; }
  [ "$(uname -m)" = x86_64 ] || { echo "not x86_64 ($(uname -m))"; return; }
  [ "$(id -u)" -eq 0 ] || { echo "not root (chroot and mount namespaces need root)"; return; }
  command -v unshare >/dev/null || { echo "unshare (util-linux) is missing"; return; }
  unshare --mount --pid --fork true 2>/dev/null \
    || { echo "cannot create mount/PID namespaces here (container without CAP_SYS_ADMIN?)"; return; }
  if [ ! -d "$(chroot_dir)" ]; then
    command -v debootstrap >/dev/null || { echo "debootstrap is missing (make setup-test installs it)"; return; }
  fi
}

python_requirements() {
  python3 - "$repo/pyproject.toml" <<'PY'
import sys, tomllib
with open(sys.argv[1], "rb") as f:
    print("\n".join(tomllib.load(f)["project"]["dependencies"]))
PY
}

# What else of the project the venv bakes in at build time (console scripts).
project_entry_points() {
  python3 - "$repo/pyproject.toml" <<'PY'
import sys, tomllib
with open(sys.argv[1], "rb") as f:
    print(sorted(tomllib.load(f)["project"].get("scripts", {}).items()))
PY
}

run_packages() { sed -e 's/#.*//' -e 's/[[:space:]]//g' "$RUN_PACKAGES_FILE" | grep -v '^$' | sort -u; }

cache_key() {
  { echo "recipe=$RECIPE_VERSION suite=$SUITE arch=amd64"
    echo "$CHROOT_PACKAGES" | tr -s ' \n' '\n' | sort -u
    run_packages
    python_requirements
    project_entry_points
  } | sha256sum | cut -c1-16
}

chroot_dir() { echo "$CACHE/$SUITE-$(cache_key)"; }

host_mirror() {
  local m
  m=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  [ -n "$m" ] || m=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  echo "${m:-http://deb.debian.org/debian}"
}

# Run a command inside a chroot, in private mount+PID namespaces with proc, sys, dev, a private
# /tmp and the given bind mounts ("HOSTDIR:TARGET[:ro]"); this process becomes unshare, so
# killing it kills the command and everything it started (--kill-child), and its mounts vanish
# with the namespace.
# usage: runtime.sh __ns ROOT BIND... -- CMD...
cmd_ns() {
  local root=$1; shift
  local binds=()
  while [ "${1:-}" != "--" ]; do binds+=("$1"); shift; done; shift
  ROOT=$root BINDS="${binds[*]:-}" exec unshare --mount --pid --fork --kill-child \
    --propagation private -- bash -c '
      set -e
      mount -t proc proc "$ROOT/proc"
      mount --rbind /sys "$ROOT/sys"
      mount --rbind /dev "$ROOT/dev"
      mount -t tmpfs -o mode=1777,size=2g tmpfs "$ROOT/tmp"
      for b in $BINDS; do
        IFS=: read -r src dst mode <<<"$b"
        mkdir -p "$ROOT$dst"
        mount --bind "$src" "$ROOT$dst"
        if [ "$mode" = ro ]; then mount -o remount,bind,ro "$ROOT$dst"; fi
      done
      exec chroot "$ROOT" "$@"' bash "$@"
}

chroot_env() {
  echo /usr/bin/env -i HOME=/root PATH=/opt/venv/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8
}

cmd_build() {
  local why; why=$(why_not)
  [ -z "$why" ] || die "cannot build the XR runtime: $why"
  local dir; dir=$(chroot_dir)
  [ -x "$dir/opt/venv/bin/python" ] && [ -f "$dir/.complete" ] && { echo "$dir"; return; }
  mkdir -p "$CACHE/debs" "$CACHE/pip"
  exec 9>"$CACHE/build.lock"
  flock -w 1800 9 || die "another build holds $CACHE/build.lock for 30 min"
  if [ -f "$dir/.complete" ]; then echo "$dir"; return; fi
  local t0=$SECONDS tmp="$dir.partial"
  [ -d "$tmp" ] && remove_tree "$tmp"
  local mirror; mirror=$(host_mirror)
  log "building $dir ($SUITE from $mirror; takes a few minutes once)"
  # Downloaded .debs (and wheels pip had to build) are kept in $CACHE for the next rebuild.
  # Measured: a rebuild takes about as long as the first build (unpacking, not downloading,
  # dominates), about 80 s on 2 cores.
  unshare --mount --propagation private -- debootstrap --variant=minbase --arch=amd64 \
    --cache-dir="$CACHE/debs" "$SUITE" "$tmp" "$mirror" >"$CACHE/debootstrap.log" 2>&1 \
    || { tail -20 "$CACHE/debootstrap.log" >&2; die "debootstrap failed (log: $CACHE/debootstrap.log)"; }
  # Unpack faster (no fsync per file) and leave out documentation nobody reads in a test chroot.
  echo force-unsafe-io >"$tmp/etc/dpkg/dpkg.cfg.d/unsafe-io"
  printf '%s\n' 'path-exclude=/usr/share/doc/*' 'path-exclude=/usr/share/man/*' \
    'path-exclude=/usr/share/locale/*' 'path-include=/usr/share/locale/locale.alias' \
    >"$tmp/etc/dpkg/dpkg.cfg.d/excludes"
  cp /etc/ssl/certs/ca-certificates.crt "$tmp/etc/host-ca-bundle.crt"
  cp /etc/resolv.conf "$tmp/etc/resolv.conf"
  local pkgs; pkgs="$(echo $CHROOT_PACKAGES) $(run_packages | tr '\n' ' ')"
  python_requirements >"$tmp/requirements.txt"
  "$0" __ns "$tmp" "$CACHE/debs:/var/cache/apt/archives" "$CACHE/pip:/root/.cache/pip" \
      "$repo:/src:ro" -- \
    $(chroot_env) DEBIAN_FRONTEND=noninteractive PKGS="$pkgs" \
    PIP_CERT=/etc/host-ca-bundle.crt PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_DEFAULT_TIMEOUT=120 \
    sh -ec '
      apt-get update -qq
      apt-get install -y -qq --no-install-recommends $PKGS >/dev/null
      python3 -m venv /opt/venv
      /opt/venv/bin/pip install -q -r /requirements.txt
      # Editable: the venv imports the project from /src, where each run mounts the current
      # checkout, so tests always run the code under test.
      /opt/venv/bin/pip install -q --no-deps -e /src' \
    >"$CACHE/build.log" 2>&1 \
    || { tail -30 "$CACHE/build.log" >&2; die "installing into the chroot failed (log: $CACHE/build.log)"; }
  # The editable install must not keep state in the read-only checkout; it is a .pth file.
  grep -rqs /src "$tmp"/opt/venv/lib/python3*/site-packages/*.pth \
    || die "editable install of the project did not produce a .pth pointing at /src"
  date -u +%FT%TZ >"$tmp/.complete"
  mv "$tmp" "$dir"
  log "built in $((SECONDS - t0)) s: $dir ($(du -sh "$dir" | cut -f1))"
  remove_stale
  echo "$dir"
}

# rm -rf that never crosses into another file system (there are no mounts in the host
# namespace, but a tree is only ever removed this way).
remove_tree() { rm -rf --one-file-system -- "$1"; }

# Remove chroots of older dependency sets that no session uses (a session holds a shared lock).
remove_stale() {
  local keep; keep=$(chroot_dir)
  for d in "$CACHE/$SUITE"-*; do
    [ -d "$d" ] && [ "$d" != "$keep" ] || continue
    case "$d" in *.partial) continue ;; esac
    (exec 8>"$d.lock"; flock -n -x 8 && { log "removing stale $d"; remove_tree "$d"; rm -f "$d.lock"; }) || true
  done
}

session_dir() {
  [ -n "${1:-}" ] || die "missing SESSION directory"
  mkdir -p "$1" && (cd "$1" && pwd)
}

cmd_path() {
  local dir; dir=$(chroot_dir)
  [ -f "$dir/.complete" ] || die "not built yet: run tests/xr/runtime.sh build"
  echo "$dir"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

cmd_start() {
  local sess; sess=$(session_dir "${1:-}"); shift
  local root; root=$(cmd_path)
  local driver=simulated display=0 extra=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --driver) driver=$2; shift 2 ;;
      --display) display=1; shift ;;
      *=*) extra+=("$1"); shift ;;
      *) die "start: unknown option $1" ;;
    esac
  done
  if [ -n "$(session_pids "$sess")" ]; then
    die "session $sess already runs a service (pid $(cat "$sess/service.pid"))"
  fi
  rm -rf "$sess/xdg" "$sess/config" "$sess/display" "$sess/remote_port"
  mkdir -p "$sess/xdg" "$sess/config/monado" "$sess/out"
  chmod 700 "$sess/xdg"
  local env=(XDG_RUNTIME_DIR=/run/session/xdg XDG_CONFIG_HOME=/run/session/config XRT_NO_STDIN=1
             "XRT_LOG=${XRT_LOG:-info}")
  case "$driver" in
    simulated) ;;
    remote)
      local port; port=$(free_port)
      echo "$port" >"$sess/remote_port"
      # Without view_count Monado 25 ignores the whole remote node and listens on 4242.
      printf '{"active": "remote", "remote": {"version": 0, "port": %s, "view_count": 2}}\n' "$port" \
        >"$sess/config/monado/config_v0.json"
      env+=(P_OVERRIDE_ACTIVE_CONFIG=remote) ;;
    *) die "start: unknown driver $driver (simulated or remote)" ;;
  esac
  if [ $display = 1 ]; then
    env+=(XRT_COMPOSITOR_NULL=0 XRT_COMPOSITOR_FORCE_XCB=1 XRT_COMPOSITOR_DEFAULT_FRAMERATE=60)
  else
    env+=(XRT_COMPOSITOR_NULL=1)
  fi
  : >"$sess/service.log"
  # The namespace's PID 1 is a shell that starts Xvfb (when asked) and monado-service and
  # waits for the service; when the service ends, the shell exits and the kernel kills what is
  # left in the namespace.  The service itself is an ordinary process, so TERM and KILL reach
  # it like on a real station.
  ( exec 8>"$root.lock"; flock -s 8
    exec setsid "$0" __ns "$root" "$sess:/run/session" -- $(chroot_env) "${env[@]}" "${extra[@]}" \
      DISPLAY_WANTED=$display sh -c '
        if [ "$DISPLAY_WANTED" = 1 ]; then
          Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp 3>/run/session/display.tmp \
            >/run/session/xvfb.log 2>&1 &
          for i in $(seq 600); do [ -s /run/session/display.tmp ] && break; sleep 0.1; done
          [ -s /run/session/display.tmp ] \
            || { echo "xr-runtime: Xvfb did not report its display within 60 s" >&2; exit 1; }
          export DISPLAY=:$(cat /run/session/display.tmp)
          mv /run/session/display.tmp /run/session/display
        fi
        monado-service &
        echo $! >/run/session/service.nspid
        wait $!' \
      >>"$sess/service.log" 2>&1 </dev/null ) &
  echo $! >"$sess/service.pid"
  local deadline=$((SECONDS + SERVICE_START_TIMEOUT_S))
  until [ -S "$sess/xdg/monado_comp_ipc" ]; do
    if ! kill -0 "$(cat "$sess/service.pid")" 2>/dev/null; then
      tail -20 "$sess/service.log" >&2; die "monado-service exited during start (log: $sess/service.log)"
    fi
    if [ $SECONDS -ge $deadline ]; then
      cmd_stop "$sess"; tail -20 "$sess/service.log" >&2
      die "monado-service did not open its socket within ${SERVICE_START_TIMEOUT_S} s"
    fi
    sleep 0.1
  done
  if [ "$driver" = remote ]; then
    until grep -q "Listening on port" "$sess/service.log"; do
      [ $SECONDS -lt $deadline ] || { cmd_stop "$sess"; die "remote driver did not listen"; }
      sleep 0.1
    done
  fi
  log "monado-service up (driver $driver, $([ $display = 1 ] && echo "display :$(cat "$sess/display")" || echo "null compositor"))"
}

# The host PIDs of a session's processes: unshare and everything below it.
session_pids() {
  local top; top=$(cat "$1/service.pid" 2>/dev/null) || return 0
  # A stale pid file must never make us signal an unrelated process that reused the PID.
  [ "$(cat /proc/"$top"/comm 2>/dev/null)" = unshare ] || return 0
  local pids=("$top") i=0
  while [ $i -lt ${#pids[@]} ]; do
    local p=${pids[$i]} c
    for c in $(cat /proc/"$p"/task/*/children 2>/dev/null); do pids+=("$c"); done
    i=$((i + 1))
  done
  echo "${pids[@]}"
}

# The host PID of the session's monado-service.
service_pid() {
  local p
  for p in $(session_pids "$1"); do
    [ "$(cat /proc/"$p"/comm 2>/dev/null)" = monado-service ] && { echo "$p"; return; }
  done
}

cmd_stop() {
  local sess; sess=$(session_dir "${1:-}")
  [ -f "$sess/service.pid" ] || return 0
  local svc; svc=$(service_pid "$sess")
  local pids; pids=$(session_pids "$sess")
  if [ -n "$svc" ]; then kill -TERM "$svc" 2>/dev/null || true; fi
  local i
  for i in $(seq 50); do
    local alive=0 p
    for p in $pids; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && break
    sleep 0.1
  done
  for p in $pids; do kill -KILL "$p" 2>/dev/null || true; done
  rm -f "$sess/service.pid" "$sess/xdg/monado_comp_ipc"
}

cmd_kill() {
  local sess; sess=$(session_dir "${1:-}")
  local svc; svc=$(service_pid "$sess")
  [ -n "$svc" ] || die "no running service in $sess"
  kill -KILL "$svc"
}

cmd_run() {
  local sess; sess=$(session_dir "${1:-}"); shift
  local root; root=$(cmd_path)
  local env=(XDG_RUNTIME_DIR=/run/session/xdg XR_RUNTIME_JSON=/usr/share/openxr/1/openxr_monado.json
             PYTHONPYCACHEPREFIX=/tmp/pycache PYTHONUNBUFFERED=1 XDG_CACHE_HOME=/tmp/cache)
  [ -f "$sess/display" ] && env+=(DISPLAY=":$(cat "$sess/display")")
  while [ $# -gt 0 ]; do
    case "$1" in
      --) shift; break ;;
      *=*) env+=("$1"); shift ;;
      *) break ;;
    esac
  done
  [ $# -gt 0 ] || die "run: missing command"
  exec 8>"$root.lock"; flock -s 8
  exec "$0" __ns "$root" "$sess:/run/session" "$repo:/src:ro" -- $(chroot_env) "${env[@]}" \
    sh -c 'cd /src && exec "$@"' sh "$@"
}

case "${1:-}" in
  check) shift; why=$(why_not); [ -z "$why" ] || { echo "$why"; exit 1; } ;;
  build) shift; cmd_build ;;
  path) shift; cmd_path ;;
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  kill) shift; cmd_kill "$@" ;;
  run) shift; cmd_run "$@" ;;
  __ns) shift; cmd_ns "$@" ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
