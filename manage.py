#!/usr/bin/env python
"""Django's command-line utility."""

import os
import sys

# Commands that never touch the database or Redis skip the start-up check.
_OFFLINE_COMMANDS = {
    "help",
    "version",
    "makemessages",
    "compilemessages",
    "collectstatic",
    "shell_plus",
}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    command = sys.argv[1] if len(sys.argv) > 1 else "help"
    if command not in _OFFLINE_COMMANDS and not command.startswith("-"):
        from config.preflight import require_services

        require_services()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
