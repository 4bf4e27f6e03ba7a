"""One module and one .kv file per screen. `SCREENS` lists them in the order tools show them."""

SCREENS: tuple[str, ...] = (
    "attract", "language", "home", "topic", "article", "search", "emergency", "service",
)  # fmt: skip
