"""For tests that run the portal's own processes (worker, web server) on the test's database."""

from django.db import connection


def database_url():
    """DATABASE_URL of the database this test uses, for a process started by the test."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
