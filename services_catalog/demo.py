"""Demo content of the services_catalog app, loaded by load_demo_data after the apps before it."""


def load(*, stdout=None) -> None:
    """Idempotently create this app's demo content."""
