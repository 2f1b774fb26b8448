import sys

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"
    verbose_name = _("站内搜索")

    def ready(self) -> None:
        from config.pagecache import gate_register
        from search import receivers, views

        receivers.connect()
        # Kept result pages are served before routing: the rate limit still counts each one.
        gate_register("/search/", views.refused)
        if not _is_management_noop():
            # Load jieba's dictionary now (about 1 s), not on the first visitor's search.
            from search import text

            text.warm_up()


def _is_management_noop() -> bool:
    """Commands that never search (migrations, checks) need not pay for the dictionary."""
    argv = sys.argv[1:2]
    return bool(argv) and argv[0] in {"makemigrations", "migrate", "check", "collectstatic"}
