#!/usr/bin/env bash
# Installs the kiosk bundle on this device, or into DESTDIR (a device image, or a test's scratch
# root). Run it from the bundle: `sudo ./kiosk/deploy/install.sh`.
#
#   the bundle       -> /opt/kiosk/releases/<version>, /opt/kiosk/current, /usr/local/bin/kiosk
#   the user         -> `kiosk` (systemd-sysusers), in the video, input and render groups
#   the config       -> /etc/kiosk/kiosk.toml, written only when absent
#   the data         -> /var/lib/kiosk (systemd-tmpfiles), never touched otherwise
#   the services     -> kiosk.service (UI in cage) and kiosk-sync.service, enabled;
#                       software updates: kiosk-update.path, kiosk-update-check.timer enabled,
#                       /usr/local/sbin/kiosk-update (runs `kiosk update` from a release that starts)
#                       night-schedule timers and the X alternative installed, not enabled
#   the journal      -> size caps in /etc/systemd/journald.conf.d/kiosk.conf
#
# Idempotent: a second run with the same bundle changes nothing. A newer bundle becomes current
# (the previous one is kept for a roll-back); data and config are kept.
#
# Options: --bundle DIR (default: the folder above this script), --x11 (enable kiosk-x.service
# instead of kiosk.service). Environment: DESTDIR (default: this system).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bundle=$(dirname "$here")
session=kiosk.service
root=${DESTDIR:-}
root=${root%/}

die() { echo "install.sh: $*" >&2; exit 1; }
say() { echo "install.sh: $*"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --bundle) bundle=$(cd "${2:?--bundle needs a folder}" && pwd); shift 2 ;;
    --x11) session=kiosk-x.service; shift ;;
    -h | --help) sed -n '2,20p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

[ "$(id -u)" -eq 0 ] || die "run as root: sudo $0"
if [ ! -x "$bundle/kiosk" ] || [ ! -f "$bundle/_internal/VERSION" ]; then
  die "no kiosk bundle in $bundle (expected kiosk and _internal/VERSION)"
fi
units=$here/systemd
[ -d "$units" ] || units=$bundle/deploy/systemd
version=$(tr -d '[:space:]' <"$bundle/_internal/VERSION")
[[ $version =~ ^[A-Za-z0-9][A-Za-z0-9.+_-]*$ ]] || die "unusable version '$version'"
live=false
[ -z "$root" ] && live=true
changed=false

# put SOURCE DEST MODE: install a file unless an identical one is already there.
put() {
  if ! cmp -s "$1" "$2" 2>/dev/null; then
    install -D -m "$3" "$1" "$2"
    changed=true
  fi
  chmod "$3" "$2"
}

id_in_root() {  # id_in_root passwd|group NAME: the numeric id in the target's databases
  awk -F: -v name="$2" '$1 == name { print $3 }' "$root/etc/$1"
}

manifest() {  # checksum of every file of a bundle folder (not the manifest itself)
  (cd "$1" && find . -type f ! -name .manifest -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
}

# -- user, groups and folders --------------------------------------------------------------
put "$units/sysusers-kiosk.conf" "$root/etc/sysusers.d/kiosk.conf" 0644
put "$units/tmpfiles-kiosk.conf" "$root/etc/tmpfiles.d/kiosk.conf" 0644
if $live; then
  systemd-sysusers /etc/sysusers.d/kiosk.conf
  systemd-tmpfiles --create /etc/tmpfiles.d/kiosk.conf
else
  systemd-sysusers --root="$root" "$root/etc/sysusers.d/kiosk.conf" >/dev/null
  systemd-tmpfiles --create --root="$root" "$root/etc/tmpfiles.d/kiosk.conf"
fi
kiosk_gid=$(id_in_root group kiosk)
[ -n "$kiosk_gid" ] || die "the kiosk group was not created"

# -- the bundle ----------------------------------------------------------------------------
releases=$root/opt/kiosk/releases
install -d -m 0755 "$releases" "$root/usr/local/bin"
target=$releases/$version
wanted=$(manifest "$bundle")
if [ ! -f "$target/.manifest" ] || [ "$(cat "$target/.manifest")" != "$wanted" ]; then
  say "installing bundle $version"
  staging=$releases/.$version.new
  rm -rf "$staging"
  cp -a "$bundle" "$staging"
  printf '%s\n' "$wanted" >"$staging/.manifest"
  chown -R 0:0 "$staging"
  chmod -R u+rwX,go+rX,go-w "$staging"
  rm -rf "$target"
  mv "$staging" "$target"
  changed=true
fi
current=$(readlink "$root/opt/kiosk/current" 2>/dev/null || true)
if [ "$current" != "releases/$version" ]; then
  if [ -n "$current" ]; then
    ln -sfn "$current" "$root/opt/kiosk/previous"
  fi
  ln -sfn "releases/$version" "$root/opt/kiosk/current.new"
  mv -T "$root/opt/kiosk/current.new" "$root/opt/kiosk/current"
  changed=true
fi
previous=$(readlink "$root/opt/kiosk/previous" 2>/dev/null || true)
for release in "$releases"/*; do  # keep the current and the previous release only
  case "releases/${release##*/}" in
    "releases/$version" | "$previous") ;;
    *) rm -rf "$release"; say "removed old release ${release##*/}" ;;
  esac
done
if [ "$(readlink "$root/usr/local/bin/kiosk" 2>/dev/null || true)" != /opt/kiosk/current/kiosk ]; then
  ln -sfn /opt/kiosk/current/kiosk "$root/usr/local/bin/kiosk"
fi

# -- config (only when absent) -------------------------------------------------------------
install -d -m 0750 -o 0 -g "$kiosk_gid" "$root/etc/kiosk"
if [ ! -e "$root/etc/kiosk/kiosk.toml" ]; then
  install -m 0640 -o 0 -g "$kiosk_gid" "$here/kiosk.toml" "$root/etc/kiosk/kiosk.toml"
  say "wrote /etc/kiosk/kiosk.toml"
fi

# -- services and journal ------------------------------------------------------------------
for unit in "$units"/*.service "$units"/*.timer "$units"/*.path; do
  put "$unit" "$root/etc/systemd/system/${unit##*/}" 0644
done
put "$here/kiosk-update" "$root/usr/local/sbin/kiosk-update" 0755
journald_changed=false
if ! cmp -s "$units/journald-kiosk.conf" "$root/etc/systemd/journald.conf.d/kiosk.conf"; then
  journald_changed=true
fi
put "$units/journald-kiosk.conf" "$root/etc/systemd/journald.conf.d/kiosk.conf" 0644
put "$units/90-kiosk-stick.rules" "$root/etc/udev/rules.d/90-kiosk-stick.rules" 0644
update_units=(kiosk-update.path kiosk-update-check.timer)
other=kiosk-x.service
[ "$session" = kiosk-x.service ] && other=kiosk.service
if $live; then
  systemctl daemon-reload
  systemctl --quiet disable "$other" 2>/dev/null || true
  systemctl --quiet enable "$session" kiosk-sync.service "${update_units[@]}"
  if $journald_changed; then systemctl restart systemd-journald; fi
  udevadm control --reload 2>/dev/null || true
  if $changed; then
    systemctl restart kiosk-sync.service "$session" || say "services not started (no display?)"
  fi
else
  systemctl --quiet --root="$root" disable "$other" 2>/dev/null || true
  systemctl --quiet --root="$root" enable "$session" kiosk-sync.service "${update_units[@]}" 2>/dev/null
fi

say "bundle $version is current$($changed || echo ' (nothing changed)')"
if [ ! -e "$root/etc/kiosk/device.toml" ]; then
  say "next: sudo kiosk enrol --hub https://HUB --code CODE, then sudo kiosk doctor"
fi
