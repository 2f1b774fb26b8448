import pytest

from portal.services import WORKFLOW_NAME
from portal.services.setup import portal_setup


@pytest.fixture
def lists_workflow(db):
    """What `manage.py setup_portal` creates; returns the 清单审核 workflow."""
    return next(w for w in portal_setup().workflows if w.name == WORKFLOW_NAME)
