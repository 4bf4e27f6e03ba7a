"""The central hub: compiles and signs content, serves it, enrols devices, receives usage, reports."""
