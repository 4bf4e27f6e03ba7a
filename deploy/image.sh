#!/usr/bin/env bash
# Builds a device image: a Debian root filesystem (debootstrap) with the kiosk bundle installed by
# install.sh, the units enabled, and `kiosk doctor` run inside it (chroot, headless).
#
#   image.sh --bundle dist/kiosk --out build/image [--suite bookworm] [--mirror URL]
#            [--cache DIR] [--no-kernel] [--tarball] [--disk FILE --size 4G] [--hub URL]
#
#   --hub URL    the hub these devices belong to ([sync] hub_url in kiosk.toml): a technician's
#                USB stick with kiosk-enrol.toml then enrols a device with its code alone
#   --no-kernel  leave out the kernel and boot loader (a root filesystem for tests and containers)
#   --tarball    also pack the root filesystem as <out>/rootfs.tar.gz
#   --disk FILE  also write a bootable raw disk image (GPT, EFI system partition, ext4 root,
#                GRUB for UEFI on the removable-media path) to FILE, ready for `dd` onto the
#                device's disk; needs loop devices (not available in most containers)
#   --cache DIR  keep downloaded .deb files here between builds
#
# Runs as root. The root filesystem is <out>/rootfs; doctor's report is <out>/doctor.txt.
set -euo pipefail

suite=bookworm
mirror=http://deb.debian.org/debian
bundle=
out=
cache=
kernel=true
tarball=false
disk=
size=4G
hub=

die() { echo "image.sh: $*" >&2; exit 1; }
say() { echo "image.sh: $*"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --bundle) bundle=${2:?}; shift 2 ;;
    --out) out=${2:?}; shift 2 ;;
    --suite) suite=${2:?}; shift 2 ;;
    --mirror) mirror=${2:?}; shift 2 ;;
    --cache) cache=${2:?}; shift 2 ;;
    --no-kernel) kernel=false; shift ;;
    --tarball) tarball=true; shift ;;
    --disk) disk=${2:?}; shift 2 ;;
    --size) size=${2:?}; shift 2 ;;
    --hub) hub=${2:?}; shift 2 ;;
    -h | --help) sed -n '2,19p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
[ "$(id -u)" -eq 0 ] || die "run as root"
if [ -z "$bundle" ] || [ ! -x "$bundle/kiosk" ]; then
  die "--bundle must name a built bundle (make bundle)"
fi
[ -n "$out" ] || die "--out is required"
out=$(realpath -m "$out")  # install.sh and systemd's --root= tools need an absolute root
bundle=$(realpath "$bundle")
command -v debootstrap >/dev/null || die "debootstrap is missing: apt-get install debootstrap"
if [ -n "$disk" ] && ! $kernel; then die "--disk needs the kernel (drop --no-kernel)"; fi
if [ -n "$hub" ] && [[ ! $hub =~ ^https?://[A-Za-z0-9.:_/-]+$ ]]; then
  die "--hub must be the hub's address, https://..."
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
install_sh=$bundle/deploy/install.sh
[ -x "$install_sh" ] || install_sh=$here/install.sh

# What a kiosk needs beyond minbase: systemd and logind for the units; cage and Xwayland for the
# UI (the bundle's SDL is an X11 client); Mesa for OpenGL; time sync, DHCP, CA certificates;
# Noto's symbol and Latin fonts, which the kiosk's icons and buttons open from the system.
# QEMU's guest agent lets a virtual machine's host run commands in it (the boot test, trials in
# a VM); it starts only when QEMU offers its virtio port, which real hardware never has.
packages=(
  systemd systemd-sysv systemd-timesyncd dbus udev libpam-systemd kbd
  cage xwayland libgl1 libgl1-mesa-dri libegl1 libgles2 libmtdev1
  ca-certificates tzdata iproute2 iputils-ping
  fonts-noto-core qemu-guest-agent
)
if $kernel; then
  packages+=(linux-image-amd64 grub-efi-amd64 firmware-linux-free initramfs-tools)
fi

rootfs=$out/rootfs
mounted=()
cleanup() {
  local point
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    point=${mounted[$i]}
    umount -l "$point" 2>/dev/null || true
  done
}
trap cleanup EXIT

bind() {  # bind HOSTPATH: make a host file system visible inside the root filesystem
  mkdir -p "$rootfs$1"
  mount --bind "$1" "$rootfs$1"
  mounted+=("$rootfs$1")
}

# -- 1. the Debian root filesystem -----------------------------------------------------------
rm -rf "$rootfs"
mkdir -p "$out"
options=(--variant=minbase "--include=$(IFS=,; echo "${packages[*]}")")
if [ -n "$cache" ]; then
  mkdir -p "$cache"
  options+=("--cache-dir=$(cd "$cache" && pwd)")
fi
say "debootstrap $suite (${#packages[@]} extra packages)"
debootstrap "${options[@]}" "$suite" "$rootfs" "$mirror" >"$out/debootstrap.log" 2>&1 ||
  die "debootstrap failed; see $out/debootstrap.log"

# -- 2. the system settings of a kiosk ---------------------------------------------------------
echo kiosk >"$rootfs/etc/hostname"
ln -sf /usr/share/zoneinfo/Asia/Ho_Chi_Minh "$rootfs/etc/localtime"
echo Asia/Ho_Chi_Minh >"$rootfs/etc/timezone"
echo LANG=C.UTF-8 >"$rootfs/etc/default/locale"
cat >"$rootfs/etc/fstab" <<'FSTAB'
# <file system>  <mount point>  <type>  <options>          <dump> <pass>
LABEL=kiosk-root /              ext4    errors=remount-ro  0      1
LABEL=KIOSK-EFI  /boot/efi      vfat    umask=0077         0      2
FSTAB
mkdir -p "$rootfs/etc/systemd/network"
cat >"$rootfs/etc/systemd/network/50-wired.network" <<'NETWORK'
[Match]
Type=ether

[Network]
DHCP=yes
NETWORK
chroot "$rootfs" systemctl --quiet enable systemd-networkd systemd-timesyncd
chroot "$rootfs" passwd --lock root >/dev/null
# The kiosk owns tty1; no login prompt is offered on it.
chroot "$rootfs" systemctl --quiet mask getty@tty1.service

# -- 3. the bundle, installed as on a device -------------------------------------------------
say "install.sh into the root filesystem"
DESTDIR=$rootfs "$install_sh" --bundle "$bundle" >"$out/install.log" 2>&1 ||
  die "install.sh failed; see $out/install.log"
if [ -n "$hub" ]; then  # after [sync] data_dir in the kiosk.toml install.sh wrote
  sed -i "/^\[sync\]/a hub_url = \"$hub\"            # set by image.sh --hub" \
    "$rootfs/etc/kiosk/kiosk.toml"
  say "devices of this image belong to the hub $hub"
fi

# -- 4. kiosk doctor inside it (headless: no display, no touch, not enrolled yet) -------------
bind /proc
bind /sys
bind /dev
set +e
# A clean environment, as on the device: nothing from the build machine's shell leaks in.
chroot "$rootfs" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 \
  /usr/local/bin/kiosk doctor >"$out/doctor.txt" 2>&1
doctor=$?
set -e
cleanup
mounted=()
say "kiosk doctor in the image exited $doctor (see $out/doctor.txt)"
grep -q '^PASS  config' "$out/doctor.txt" || die "doctor did not pass the config check in the image"

# -- 5. outputs ------------------------------------------------------------------------------
rm -rf "$rootfs/var/cache/apt/archives/"*.deb "$rootfs/var/lib/apt/lists/"*
# Every device gets its own machine ID at its first boot (systemd writes one into an empty
# /etc/machine-id); an ID baked into the image would be shared by the whole fleet.
: >"$rootfs/etc/machine-id"
rm -f "$rootfs/var/lib/dbus/machine-id"
if $tarball; then
  tar -C "$rootfs" --numeric-owner -czf "$out/rootfs.tar.gz" .
  say "wrote $out/rootfs.tar.gz"
fi
if [ -n "$disk" ]; then
  "$here/image-disk.sh" "$rootfs" "$disk" "$size"
fi
say "root filesystem ready: $rootfs ($(du -sh "$rootfs" | cut -f1))"
