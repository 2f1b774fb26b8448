"""Set up document signing: the demo CA, each department's signing certificate and seal."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from accounts.models import Department
from printing.keys import ca_ensure, department_ensure, signing_dir
from printing.seal import seal_write


class Command(BaseCommand):
    help = "Create the demo CA, a signing certificate and an official seal per department."

    def handle(self, *args, **options) -> None:
        ca_ensure()
        count = 0
        for department in Department.objects.all():
            department_ensure(code=department.code, name=department.name, uscc=department.uscc)
            seal_write(code=department.code, name=department.name)
            count += 1
        self.stdout.write(
            self.style.SUCCESS(f"Signing set up for {count} departments in {signing_dir()}.")
        )
