"""The embedded default: what `make demo` runs with nothing configured."""

from .base import *  # noqa: F403
from .base import VAR_DIR, env_bool, env_str

DEBUG = env_bool("DEBUG", False)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# The demo's department simulator writes the URLs it listens on here; the connectors read them.
DATA_EXCHANGE_SIMULATOR_STATE_FILE = env_str(
    "DATA_EXCHANGE_SIMULATOR_STATE_FILE", str(VAR_DIR / "data_exchange" / "simulator.json")
)
