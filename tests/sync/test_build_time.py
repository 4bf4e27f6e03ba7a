"""The build time behind clock sanity comes from the build: a stamp written at bundle time, else
the module's own file time, never earlier than the floor."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sync.build_time import EARLIEST, build_time, write_stamp

LATER = EARLIEST + timedelta(days=400)


def _file_at(path: Path, when: datetime) -> Path:
    path.write_text("# module\n")
    os.utime(path, (when.timestamp(), when.timestamp()))
    return path


def test_the_stamp_written_at_bundle_time_is_the_build_time(tmp_path):
    stamp = tmp_path / "build-time.txt"
    stamp.write_text("2028-02-03T04:05:06+00:00\n")
    module = _file_at(tmp_path / "clock.py", LATER)
    assert build_time(stamp, module) == datetime(2028, 2, 3, 4, 5, 6, tzinfo=UTC)


def test_without_a_stamp_the_module_file_time_is_used(tmp_path):
    module = _file_at(tmp_path / "clock.py", LATER)
    assert build_time(tmp_path / "missing.txt", module) == LATER


def test_a_garbled_stamp_falls_back_to_the_module_file_time(tmp_path):
    stamp = tmp_path / "build-time.txt"
    stamp.write_text("last tuesday")
    module = _file_at(tmp_path / "clock.py", LATER)
    assert build_time(stamp, module) == LATER


def test_the_build_time_is_never_before_the_floor(tmp_path):
    module = _file_at(tmp_path / "clock.py", datetime(1980, 1, 1, tzinfo=UTC))
    assert build_time(tmp_path / "missing.txt", module) == EARLIEST
    assert build_time(tmp_path / "missing.txt", tmp_path / "frozen.pyc") == EARLIEST


def test_stamping_records_the_newest_commit_date(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": "2028-05-06T07:08:09+00:00",
        "GIT_COMMITTER_DATE": "2028-05-06T07:08:09+00:00",
        "GIT_AUTHOR_NAME": "Build",
        "GIT_AUTHOR_EMAIL": "build@example.org",
        "GIT_COMMITTER_NAME": "Build",
        "GIT_COMMITTER_EMAIL": "build@example.org",
    }
    for command in (["init", "-q"], ["commit", "-q", "--allow-empty", "-m", "release"]):
        subprocess.run(["git", "-C", str(source), *command], env=env, check=True)
    stamp = tmp_path / "build-time.txt"
    when = write_stamp(source, stamp)
    assert when == datetime(2028, 5, 6, 7, 8, 9, tzinfo=UTC)
    assert build_time(stamp, tmp_path / "frozen.pyc") == when


def test_stamping_outside_a_checkout_records_the_current_time(tmp_path):
    before = datetime.now(UTC).replace(microsecond=0)
    stamp = tmp_path / "build-time.txt"
    assert write_stamp(tmp_path, stamp) >= before
    assert build_time(stamp, tmp_path / "frozen.pyc") >= before
