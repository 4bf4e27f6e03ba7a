"""Building the device bundle: subset fonts, the embedded catalog, PyInstaller, and its figures."""
