"""The device's one command, `kiosk`: the kiosk UI, the sync daemon, enrolment and the doctor."""
