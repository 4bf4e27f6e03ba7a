"""Publishing what the desk approved: the one step a publisher's button takes.

Today this writes the approved content as the authoring folder (keeping the one before as
`<folder>.previous`) and runs the folder's publishing (hub.publishing.publish); a web-publishing path may
take its place behind the same function.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from hub.desk.folder import export_folder
from hub.desk.store import DeskStore
from hub.publishing.publish import PublishReport

logger = logging.getLogger(__name__)


def publish_channel(
    store: DeskStore, data_dir: Path, content_dir: Path, username: str
) -> PublishReport:
    """Publish every channel's approved content; raises ContentError when it does not compile."""
    from hub.publishing.keys import KeyStore
    from hub.publishing.publish import publish_content

    content_dir = Path(content_dir)
    fresh = content_dir.with_name(content_dir.name + ".desk-new")
    shutil.rmtree(fresh, ignore_errors=True)
    export_folder(store, fresh)
    try:
        report = publish_content(fresh, Path(data_dir), KeyStore(Path(data_dir) / "keys"))
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    previous = content_dir.with_name(content_dir.name + ".previous")
    shutil.rmtree(previous, ignore_errors=True)
    if content_dir.exists():
        content_dir.rename(previous)
    fresh.rename(content_dir)
    store.record(username, "publish", ", ".join(report.changed_channels) or "no change")
    logger.info("%s published from the desk: %s", username, report.changed_channels)
    return report
