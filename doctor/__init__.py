"""`kiosk doctor`: checks a device from the display to the hub and says how to fix each failure."""
