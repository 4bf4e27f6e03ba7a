"""Backups of a hub's data folder: `hub backup` writes one archive, `hub restore` unpacks it into
an empty folder after checking every file against the archive's manifest. The signing keys and
the staff session secret are never in a backup."""
