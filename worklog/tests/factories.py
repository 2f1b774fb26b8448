from __future__ import annotations

from accounts.constants import Role
from accounts.tests.factories import UserFactory


def staff_member(*, roles=(Role.WINDOW_CLERK,), **kwargs):
    """A staff member with a department and the given role groups."""
    from accounts.services import roles_sync

    roles_sync()
    return UserFactory(staff=True, roles=list(roles), **kwargs)
