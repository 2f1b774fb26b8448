"""Run the department simulator with the ports and seed from settings (used by `make demo`)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from data_exchange.simulator.__main__ import main


class Command(BaseCommand):
    help = "Start the department simulator (one HTTP service per demo department)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--base-port", type=int, default=settings.DATA_EXCHANGE_SIMULATOR_BASE_PORT
        )

    def handle(self, *args, **options) -> None:
        main(
            [
                "--host",
                settings.DATA_EXCHANGE_SIMULATOR_HOST,
                "--base-port",
                str(options["base_port"]),
                "--state-file",
                settings.DATA_EXCHANGE_SIMULATOR_STATE_FILE,
                "--seed",
                settings.DATA_EXCHANGE_DEMO_KEY_SEED,
            ]
        )
