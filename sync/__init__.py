"""The headless sync daemon: signed content in from the hub (TUF), applied atomically to the cache."""
