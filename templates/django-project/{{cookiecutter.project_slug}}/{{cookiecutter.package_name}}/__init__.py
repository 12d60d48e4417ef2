"""The project's Django apps: users, pages and the optional ones."""
