#!/usr/bin/env bash
# image-disk.sh ROOTFS FILE SIZE: write ROOTFS (built by image.sh, with its kernel) to FILE as a
# bootable raw disk image: GPT, a 256 MiB EFI system partition (label KIOSK-EFI) and an ext4
# root (label kiosk-root), GRUB for UEFI installed on the removable-media path, so the disk boots
# on any UEFI machine without NVRAM entries. Write it with `dd if=FILE of=/dev/sdX bs=4M`.
# Needs root, loop devices with partition scanning, sfdisk, mkfs.vfat and mkfs.ext4.
set -euo pipefail

rootfs=${1:?rootfs}
disk=${2:?disk image file}
size=${3:?size, e.g. 4G}

die() { echo "image-disk.sh: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "run as root"
if ! compgen -G "$rootfs/boot/vmlinuz-*" >/dev/null; then
  die "$rootfs has no kernel (build it without --no-kernel)"
fi
for tool in sfdisk losetup mkfs.vfat mkfs.ext4; do
  command -v "$tool" >/dev/null || die "$tool is missing"
done

rm -f "$disk"
truncate -s "$size" "$disk"
sfdisk --quiet "$disk" <<'LAYOUT'
label: gpt
size=256MiB, type=U, name="KIOSK-EFI"
type=L, name="kiosk-root"
LAYOUT
loop=$(losetup --find --show --partscan "$disk")
mnt=$(mktemp -d)
mounted=()
cleanup() {
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[$i]}" 2>/dev/null || true; done
  losetup -d "$loop" 2>/dev/null || true
  rmdir "$mnt" 2>/dev/null || true
}
trap cleanup EXIT

mkfs.vfat -F 32 -n KIOSK-EFI "${loop}p1" >/dev/null
mkfs.ext4 -q -L kiosk-root "${loop}p2"
mount "${loop}p2" "$mnt"
mounted+=("$mnt")
cp -a "$rootfs/." "$mnt/"
mkdir -p "$mnt/boot/efi"
mount "${loop}p1" "$mnt/boot/efi"
mounted+=("$mnt/boot/efi")
for fs in /dev /proc /sys; do
  mount --bind "$fs" "$mnt$fs"
  mounted+=("$mnt$fs")
done
# The console never blanks (the kiosk keeps its own screen awake); boot messages stay quiet.
sed -i 's/^GRUB_CMDLINE_LINUX_DEFAULT=.*/GRUB_CMDLINE_LINUX_DEFAULT="quiet consoleblank=0"/' \
  "$mnt/etc/default/grub"
sed -i 's/^GRUB_TIMEOUT=.*/GRUB_TIMEOUT=1/' "$mnt/etc/default/grub"
chroot "$mnt" grub-install --target=x86_64-efi --efi-directory=/boot/efi --removable \
  --no-nvram --no-floppy >/dev/null 2>&1 || die "grub-install failed"
chroot "$mnt" update-grub >/dev/null 2>&1 || die "update-grub failed"
echo "image-disk.sh: wrote $disk ($size)"
