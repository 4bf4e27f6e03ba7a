"""Publishing what the desk approved: the one step a publisher's button takes.

The approved content is written as an authoring folder and every channel is compiled from it
(every rule of the compiler applies); each channel is then signed with the key the hub holds
for the delegated `desk` role (hub.publishing.online.publish_channel_online), so one click
publishes while root and the top-level targets key stay offline. A channel that did not change
is not signed again. The folder becomes the hub's authoring folder (keeping the one before as
`<folder>.previous`), so the folder workflow and `hub export-folder` see what was published.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from hub.compiler import compile_channel, list_channels
from hub.desk.folder import export_folder
from hub.desk.store import DeskStore
from hub.publishing.online import PublishResult, publish_channel_online

logger = logging.getLogger(__name__)


def publish_channel(
    store: DeskStore, data_dir: Path, content_dir: Path, username: str
) -> list[PublishResult]:
    """Publish every channel's approved content, one result per channel. Raises ContentError
    when it does not compile (nothing is signed then), PublishError or SigningKeyError when the
    hub holds no key kiosks accept for content."""
    content_dir = Path(content_dir)
    fresh = content_dir.with_name(content_dir.name + ".desk-new")
    shutil.rmtree(fresh, ignore_errors=True)
    export_folder(store, fresh)
    try:
        compiled = [compile_channel(fresh, channel) for channel in list_channels(fresh)]
        results = [
            publish_channel_online(
                Path(data_dir), one.catalog, actor=username, asset_files=dict(one.asset_files)
            )
            for one in compiled
        ]
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    previous = content_dir.with_name(content_dir.name + ".previous")
    shutil.rmtree(previous, ignore_errors=True)
    if content_dir.exists():
        content_dir.rename(previous)
    fresh.rename(content_dir)
    changed = [result.channel for result in results if result.changed]
    store.record(username, "publish", ", ".join(changed) or "no change")
    logger.info("%s published from the desk: %s", username, changed)
    return results
