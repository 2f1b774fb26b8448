"""Demo content of the portal app, loaded by load_demo_data after the apps before it."""


def load(*, stdout=None) -> None:
    """Idempotently create this app's demo content."""
