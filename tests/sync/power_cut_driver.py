"""Runs one `sync once` in a child process and says "PHASE <name>" when a phase starts, so a test
can SIGKILL it mid-download or mid-apply. Usage: python -m tests.sync.power_cut_driver CONFIG PHASE"""

from __future__ import annotations

import sys
from pathlib import Path

from sync import refresh
from sync.config import load_device_config
from sync.fetcher import HubFetcher
from sync.runner import refresh_locked


def _announce(phase: str) -> None:
    sys.stdout.write(f"PHASE {phase}\n")
    sys.stdout.flush()


def main() -> int:
    config_path, phase = Path(sys.argv[1]), sys.argv[2]
    if phase in ("apply", "patch"):  # from the database's first byte to its swap into place
        original_fetch, original_patch = refresh.fetch_database, refresh.apply_patch

        def fetch_database(*args, **kwargs):
            _announce("apply")
            return original_fetch(*args, **kwargs)

        def apply_patch(*args, **kwargs):  # a small update: rebuilt from the patch
            _announce("patch")
            return original_patch(*args, **kwargs)

        refresh.apply_patch = apply_patch
        if phase == "apply":
            refresh.fetch_database = fetch_database
    else:
        original_staged = HubFetcher.staged

        def staged(self, url, max_length):
            if "/assets/" in url:
                _announce("download")
            return original_staged(self, url, max_length)

        HubFetcher.staged = staged
    report = refresh_locked(load_device_config(config_path))
    _announce(f"done {report.line()}")
    return report.outcome.exit_code


if __name__ == "__main__":
    sys.exit(main())
