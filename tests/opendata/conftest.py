import pytest

from opendata import store


@pytest.fixture(autouse=True)
def open_data_folder(settings, tmp_path):
    """Each test keeps its files in a folder of its own, under a version of its own: the database rolls
    back after a test (with the version it kept), the shared cache and the files would not."""
    settings.OPENDATA_ROOT = tmp_path / "opendata"
    store.cache().delete(store.KEY)  # the next version asked for is this test's database's
