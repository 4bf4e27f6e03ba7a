"""The content desk: staff write, translate, review and publish kiosk content from the hub.

Content lives in the hub store (hub.db, tables `desk_*`); `hub.desk.folder` moves it to and
from the authoring folder, `hub.desk.workflow` holds the review rules, `hub.desk.roles` who may
do what, and the `routes_*` modules the staff pages.
"""
