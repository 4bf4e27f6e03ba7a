"""The central hub: builds and signs content, serves it, enrols devices, receives usage."""
