from portal.models.pages import HomePage

__all__ = ["HomePage"]
