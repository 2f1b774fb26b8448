from django.core.management.base import BaseCommand

from search.constants import DocType
from search.services import search_index_rebuild


class Command(BaseCommand):
    help = "Rebuild the site search index from the live services and list entries."

    def add_arguments(self, parser):
        parser.add_argument("--type", dest="doc_types", action="append", choices=DocType.values)

    def handle(self, *args, doc_types=None, **options):
        counts = search_index_rebuild(doc_types=doc_types, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"indexed {sum(counts.values())} documents"))
