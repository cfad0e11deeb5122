"""Exports kept as files, one set per version of the published catalogue.

The version is a token kept in the database (opendata.models.ExportVersion) and copied into the shared
cache (settings.PAGE_CACHE_ALIAS, the cache every process of the site sees) for each request to read,
replaced after any change that can change an export commits (opendata.refresh). It holds the time of
that change: the files' Last-Modified and the "last updated" of the open data page. A cache that lost
its copy reads it again from the database: the time, ETags and files kept stay as they were.

A file is made the first time it is asked for in a version: the export is streamed to that visitor
and written to var/opendata/<version>/ as it goes, under a temporary name renamed when complete, so a
half-written file is never served and two processes making the same file do no harm. Later requests
get the file as it is. Making the first file of a new version removes the folders of older ones
(a download still reading one keeps its open file).
"""

import datetime
import os
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.http import FileResponse, StreamingHttpResponse

from opendata.models import ExportVersion

KEY = "opendata:version"


def cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def root():
    return Path(getattr(settings, "OPENDATA_ROOT", settings.BASE_DIR / "var" / "opendata"))


@dataclass(frozen=True)
class Version:
    token: str  # "<seconds since the epoch>-<random>": a folder name, and part of every ETag

    @property
    def updated(self):
        return datetime.datetime.fromtimestamp(int(self.token.split("-")[0]), tz=datetime.UTC)

    @property
    def timestamp(self):
        return int(self.token.split("-")[0])

    def path(self, filename):
        return root() / self.token / filename


def _token(after=0):
    # Later than the version it replaces, even within one second: Last-Modified must move forward.
    return f"{max(int(time.time()), after + 1)}-{secrets.token_hex(6)}"


def current():
    token = cache().get(KEY)
    if token is None:  # not copied into the cache yet, or lost from it: the database's
        token = ExportVersion.objects.get_or_create(pk=1, defaults={"token": _token()})[0].token
        cache().set(KEY, token, None)
    return Version(token)


def refresh():
    """A new version: every export is made again when next asked for."""
    previous = ExportVersion.objects.filter(pk=1).values_list("token", flat=True).first()
    token = _token(Version(previous).timestamp if previous else 0)
    ExportVersion(pk=1, token=token).save()
    cache().set(KEY, token, None)


def kept_size(version, filename):
    """The size in bytes of the file if it has been made in this version, else None."""
    try:
        return version.path(filename).stat().st_size
    except OSError:
        return None


def response(version, filename, make):
    """The file kept for `version`, else a streamed export (`make()`: its pieces) that is kept as it goes."""
    path = version.path(filename)
    try:
        return FileResponse(path.open("rb"))
    except OSError:
        return StreamingHttpResponse(_keeping(make(), path))


def _keeping(pieces, path):
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.part")
    out = _open(temporary)
    complete = False
    try:
        for piece in pieces:
            if out is not None:
                try:
                    out.write(piece)
                except OSError:  # a full disk, or the folder removed by a newer version: stream on
                    out.close()
                    out = None
            yield piece
        complete = True
    finally:
        if out is not None:
            out.close()
            try:
                if complete:
                    os.replace(temporary, path)
            except OSError:
                pass
            temporary.unlink(missing_ok=True)


def _open(temporary):
    folder = temporary.parent
    try:
        if not folder.exists():
            folder.mkdir(parents=True, exist_ok=True)
            _remove_older(folder)
        return temporary.open("wb")
    except OSError:
        return None


def _remove_older(folder):
    """Remove the folders of versions older than this one (a process still on an older version, which
    makes its folder late, leaves the newer ones alone)."""
    made = _made(folder.name)
    for other in folder.parent.iterdir():
        if other.is_dir() and other != folder and _made(other.name) <= made:
            shutil.rmtree(other, ignore_errors=True)


def _made(name):
    try:
        return int(name.split("-")[0])
    except ValueError:
        return 0


def remembered(version, name, compute):
    """`compute()`, kept in the shared cache for this version (the record counts)."""
    return cache().get_or_set(f"opendata:{name}:{version.token}", compute, 30 * 24 * 3600)
