"""The catalog contract shared by the hub (which builds and signs it) and the device (which shows it)."""

from catalog.load import CatalogError, dump, load
from catalog.model import LANGUAGES, SEGMENTED_LANGUAGES, Catalog

__all__ = ["LANGUAGES", "SEGMENTED_LANGUAGES", "Catalog", "CatalogError", "dump", "load"]
