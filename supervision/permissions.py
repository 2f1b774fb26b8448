"""Who may see what in supervision. Checked on the server for every object.

- 效能监督 (PERM_SUPERVISION) sees every department, case and record;
- a 部门负责人 sees their own department's dashboard and its members' records;
- every staff member sees their own record and their department head's (transparent downward);
- everything else is refused (403), and the refusal is recorded by the caller.
"""

from __future__ import annotations

from accounts.constants import PERM_DEPT_HEAD, PERM_SUPERVISION
from accounts.models import User
from accounts.selectors import user_is_department_head


def is_supervisor(user: User) -> bool:
    return bool(user.is_authenticated and user.has_perm(PERM_SUPERVISION))


def may_open_dashboard(user: User) -> bool:
    return is_supervisor(user) or user_is_department_head(user=user)


def may_see_department(user: User, department_id: int | None) -> bool:
    """The whole-portal view (department_id None) is the supervisor's alone."""
    if is_supervisor(user):
        return True
    return bool(
        department_id is not None
        and user_is_department_head(user=user)
        and user.department_id == department_id
    )


def may_see_record(viewer: User, subject: User) -> bool:
    """Upward, downward and across as Jiading's work record: self, supervisors, the head for
    the department's members, and every member for their department's head."""
    if not viewer.is_authenticated or not viewer.is_portal_staff:
        return False
    if viewer.pk == subject.pk or is_supervisor(viewer):
        return True
    same_department = (
        viewer.department_id is not None and viewer.department_id == subject.department_id
    )
    if not same_department:
        return False
    return viewer.has_perm(PERM_DEPT_HEAD) or subject.has_perm(PERM_DEPT_HEAD)
