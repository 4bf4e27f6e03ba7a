"""Serving the hub web app: one process or several uvicorn workers, on uvicorn's fast HTTP
parser and event loop where the platform has them (hub.serving.run), each worker building its
app from settings handed over in the environment (hub.serving.factory)."""
