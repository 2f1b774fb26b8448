import pytest


@pytest.fixture
def lists_workflow(db):
    from portal.services import list_roles_grant, lists_workflow_ensure

    list_roles_grant()
    return lists_workflow_ensure()
