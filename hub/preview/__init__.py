"""Previews of kiosk screens for the hub's staff, drawn by the kiosk's own code in a subprocess."""
