#!/usr/bin/env bash
# image-disk.sh ROOTFS FILE SIZE: write ROOTFS (built by image.sh, with its kernel) to FILE as a
# bootable raw disk image: GPT, a 256 MiB EFI system partition (label KIOSK-EFI) and an ext4
# root (label kiosk-root), and a standalone GRUB for UEFI on the removable-media path
# (EFI/BOOT/BOOTX64.EFI), so the disk boots on any UEFI machine without NVRAM entries (with
# Secure Boot off: the loader is not signed). Write it with `dd if=FILE of=/dev/sdX bs=4M`.
# Needs root, loop devices, sfdisk, mkfs.vfat, mkfs.ext4 and mtools. Only the ext4 root is
# mounted (each partition gets its own loop device at its offset, so no udev is needed); the
# EFI partition is written with mtools, so the build machine's kernel needs no FAT support.
set -euo pipefail

rootfs=${1:?rootfs}
disk=${2:?disk image file}
size=${3:?size, e.g. 4G}

die() { echo "image-disk.sh: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "run as root"
if ! compgen -G "$rootfs/boot/vmlinuz-*" >/dev/null; then
  die "$rootfs has no kernel (build it without --no-kernel)"
fi
for tool in sfdisk losetup mkfs.vfat mkfs.ext4 mcopy mmd; do
  command -v "$tool" >/dev/null || die "$tool is missing"
done

rm -f "$disk"
truncate -s "$size" "$disk"
sfdisk --quiet "$disk" <<'LAYOUT'
label: gpt
size=256MiB, type=U, name="KIOSK-EFI"
type=L, name="kiosk-root"
LAYOUT

mnt=$(mktemp -d)
mounted=()
loops=()
cleanup() {
  local i loop
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[$i]}" 2>/dev/null || true; done
  for loop in "${loops[@]}"; do losetup -d "$loop" 2>/dev/null || true; done
  rmdir "$mnt" 2>/dev/null || true
}
trap cleanup EXIT

part() {  # part N: a loop device over partition N of the disk image
  local start sectors
  read -r start sectors < <(sfdisk --dump "$disk" | awk -v n="$1" '
    / : start=/ { i++; if (i == n) { gsub(/[=,]/, " "); print $4, $6 } }')
  losetup --find --show --offset $((start * 512)) --sizelimit $((sectors * 512)) "$disk"
}
efi=$(part 1)
loops+=("$efi")
root=$(part 2)
loops+=("$root")

mkfs.vfat -F 32 -n KIOSK-EFI "$efi" >/dev/null
mkfs.ext4 -q -L kiosk-root "$root"
mount "$root" "$mnt"
mounted+=("$mnt")
cp -a "$rootfs/." "$mnt/"
mkdir -p "$mnt/boot/efi"
for fs in /dev /proc /sys; do
  mount --bind "$fs" "$mnt$fs"
  mounted+=("$mnt$fs")
done
# The boot menu is built into the loader: it finds the root by its label and boots the kernel
# Debian links at /vmlinuz (kept current by kernel upgrades). The console never blanks (the
# kiosk keeps its own screen awake); boot messages stay quiet. The first serial port gets the
# kernel's messages too (for a technician's serial cable, and the boot test).
cat >"$mnt/tmp/grub.cfg" <<'MENU'
set timeout=1
insmod all_video
search --no-floppy --label kiosk-root --set=root
menuentry "Border-gate information kiosk" {
  linux /vmlinuz root=LABEL=kiosk-root ro quiet consoleblank=0 console=ttyS0,115200 console=tty1
  initrd /initrd.img
}
MENU
chroot "$mnt" grub-mkstandalone --format=x86_64-efi --output=/tmp/BOOTX64.EFI \
  --modules="part_gpt ext2 search_label linux" "boot/grub/grub.cfg=/tmp/grub.cfg" ||
  die "grub-mkstandalone failed"
export MTOOLS_SKIP_CHECK=1
mmd -i "$efi" ::/EFI ::/EFI/BOOT
mcopy -i "$efi" "$mnt/tmp/BOOTX64.EFI" ::/EFI/BOOT/BOOTX64.EFI
rm -f "$mnt/tmp/BOOTX64.EFI" "$mnt/tmp/grub.cfg"
echo "image-disk.sh: wrote $disk ($size)"
