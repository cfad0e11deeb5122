"""Settings of bench/opendata.py's server and export processes: the production settings, with the open
data files kept in the benchmark's own folder (BENCH_OPENDATA_ROOT) rather than var/opendata/, whose
versions (and their removal of older ones) belong to the development site."""

import os
from pathlib import Path

from innoportal.settings.production import *  # noqa: F403

OPENDATA_ROOT = Path(os.environ["BENCH_OPENDATA_ROOT"])
