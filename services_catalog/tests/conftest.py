import pytest


@pytest.fixture(autouse=True)
def _private_catalog_version(settings, tmp_path):
    """Each test gets its own version file and an empty per-process page store, so other
    processes on this machine (dev servers, other test runs) cannot bump our version."""
    from config.pagecache import pagecache_forget

    settings.VAR_DIR = tmp_path
    pagecache_forget()
    yield
    pagecache_forget()
