"""Software updates on the device: `kiosk update install | switch | check | status`.

The sync daemon (user `kiosk`) stages a signed bundle in /var/lib/kiosk/updates/ (sync.software).
Then, as root:
- install: verify the staged bundle again with root's own TUF trust state, unpack it beside the
  running release (/opt/kiosk/releases/<version>) and point /opt/kiosk/pending at it;
- switch: when the kiosk (re)starts, between sessions, make pending current and start a trial;
- check: commit the trial once the new UI reported itself healthy, or roll back by itself when
  it did not within `trial_seconds`, or kept failing to start.
"""
