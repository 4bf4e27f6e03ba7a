"""The kiosk's local SQLite store: content cache and usage outbox."""
