"""Publishing from the hub's web pages with a delegated key (see docs/publishing.md).

- `hub.publishing.online.publish_channel_online(data_dir, catalog, *, actor, asset_files=None)
  -> PublishResult`: the one entry point the content desk calls with an approved, validated
  catalog; signs it with the hub's delegated key, root and top-level targets staying offline.
- `hub.publishing.delegation`: `delegate` (set up or rotate the delegated key), `revoke`, and
  `resign_delegated` (the timestamp schedule's re-signing); the first two need the offline keys.

The article preview the desk shows beside it is `hub.preview.render.render_preview`, served at
`/desk/preview/<channel>/<article>.png` (hub.staff.routes_preview).
"""
