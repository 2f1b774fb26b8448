"""A pytest plugin (listed in the root conftest): every test starts with this process's appeal
catalogue forgotten, so no category or rule kept from a rolled-back test is ever used; `loop`
is the 12345 loop's people and categories (`factories.setup_loop`)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _appeal_catalogue_forgotten():
    from participation.appeals.catalogue import catalogue_forget

    catalogue_forget()
    yield
    catalogue_forget()


@pytest.fixture
def loop():
    from participation.tests.factories import setup_loop

    return setup_loop()
