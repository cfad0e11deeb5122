from django.apps import AppConfig


class PortalStatisticsConfig(AppConfig):
    # Not called `statistics`: a package of that name would shadow Python's own `statistics` module,
    # which Django's SQLite backend imports (and so do the benchmarks and this app).
    name = "portal_statistics"
    verbose_name = "Portal statistics: the portal's figures from live content, and their charts"
