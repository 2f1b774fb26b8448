"""Root conftest: shared fixtures for every app's tests live in tests/fixtures/."""

pytest_plugins = [
    "tests.fixtures.common",
    "tests.fixtures.services",
    "tests.fixtures.browser",
    "tests.fixtures.exchange",
    "workdays.tests.fixtures",
    "participation.tests.fixtures",
]
