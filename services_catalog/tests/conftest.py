import pytest


@pytest.fixture(autouse=True)
def _private_catalog_version(settings, tmp_path):
    """Each test gets its own version file and an empty per-process page store, so other
    processes on this machine (dev servers, other test runs) cannot bump our version."""
    from services_catalog.caching import local_pages

    settings.VAR_DIR = tmp_path
    local_pages.clear()
    yield
    local_pages.clear()
