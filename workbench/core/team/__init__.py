"""The team server: a PostgreSQL database shared by an office's desktops (issue 19). Qt-free."""
