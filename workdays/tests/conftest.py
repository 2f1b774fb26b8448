# The same fixture every app's tests get once the root conftest lists the plugin.
from workdays.tests.fixtures import _official_calendar  # noqa: F401
