"""Serve the demo: start the background processes the configuration needs, then the web server.

With REDIS_URL set, a Celery worker (with beat) is started beside the web server.
Apps register further processes (e.g. the department simulator) in
settings.DEMO_BACKGROUND_PROCESSES as argument lists for manage.py.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from accounts.demo import DEMO_LOGINS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Run the demo portal with its worker and background services."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args, **options) -> None:
        children: list[subprocess.Popen] = []
        python = sys.executable
        for argv in getattr(settings, "DEMO_BACKGROUND_PROCESSES", []):
            children.append(subprocess.Popen([python, "manage.py", *argv]))
        if settings.REDIS_URL:
            celery = os.path.join(os.path.dirname(python), "celery")
            children.append(
                subprocess.Popen(
                    [
                        celery,
                        "-A",
                        "config",
                        "worker",
                        "--beat",
                        "--loglevel",
                        "WARNING",
                        "--concurrency",
                        "2",
                    ]
                )
            )

        def stop(*_args) -> None:
            for child in children:
                child.terminate()
            for child in children:
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()

        signal.signal(signal.SIGTERM, lambda *a: (stop(), sys.exit(0)))
        self._banner(options["host"], options["port"])
        try:
            call_command("runserver", f"{options['host']}:{options['port']}", use_reloader=False)
        finally:
            stop()

    def _banner(self, host: str, port: int) -> None:
        base = f"http://{host}:{port}"
        mode = "PostgreSQL" if "postgresql" in settings.DATABASES["default"]["ENGINE"] else "SQLite"
        tasks = "Redis + Celery worker" if settings.REDIS_URL else "in-process tasks"
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"  一网通办 demo: {base}/   ({mode}, {tasks})"))
        self.stdout.write(f"  管理后台 (Wagtail admin): {base}/admin/")
        self.stdout.write(f"  Demo logins (password {DEMO_PASSWORD}):")
        for username, label in DEMO_LOGINS:
            self.stdout.write(f"    {username:<11} {label}")
        self.stdout.write("")
