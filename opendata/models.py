"""The version of the open data files (opendata.store), kept in the database: the shared cache holds a
copy for every request to read, and may lose it (evicted, flushed, a new Redis) without the page's
"last updated" time or the files' Last-Modified and ETags changing."""

from django.db import models


class ExportVersion(models.Model):
    """One row (pk 1): the current version's token, "<seconds since the epoch>-<random>"."""

    token = models.CharField(max_length=40)

    def __str__(self):
        return self.token
