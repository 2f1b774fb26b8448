import pytest


@pytest.fixture(autouse=True)
def _calendar_cache():
    """Years cached by one test must not leak into the next (their rows were rolled back)."""
    from workdays.selectors import clear_cache

    clear_cache()
    yield
    clear_cache()
