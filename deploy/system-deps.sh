#!/usr/bin/env bash
# Installs the Debian packages the kiosk needs on a development machine: the Noto fonts for
# every script the kiosk shows (the bundle's fonts are cut from them); Chromium for the hub's
# browser tests (driven by Playwright, which never downloads a browser of its own); and what the
# deployment tests use: systemd's sysusers/tmpfiles/systemctl for install.sh into a scratch
# root, faketime to provoke a wrong clock, shellcheck for the scripts, debootstrap for the device
# image and binutils, which PyInstaller uses to find and strip the libraries it bundles;
# dosfstools, fdisk and mtools for `make image`'s bootable disk; Pango and HarfBuzz's subsetter,
# which WeasyPrint uses to lay out and embed fonts in the hub's review PDF; Xvfb and xwininfo
# (x11-utils) for the tests that run the kiosk in a real X server of a given size; QEMU
# (qemu-system-x86, qemu-utils) and its UEFI firmware (ovmf) for the test that boots the disk image;
# PostgreSQL (postgresql) for the hub's tests on PostgreSQL, which start a scratch server with
# initdb and pg_ctl (its own service is never used), and util-linux's setpriv to run it as `nobody`.
# `system-deps.sh run` asks only for what running the kiosk needs (the fonts); with no argument
# it asks for everything the tests and builds use.
# As root it installs them with apt-get; otherwise it says what to run.
set -euo pipefail

packages=(fonts-noto-core fonts-noto-cjk)
if [ "${1:-all}" != "run" ]; then
  packages+=(chromium systemd faketime shellcheck debootstrap binutils dosfstools fdisk mtools
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 xvfb x11-utils qemu-system-x86 qemu-utils ovmf
    postgresql util-linux)
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "Missing Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
