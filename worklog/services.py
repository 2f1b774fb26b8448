"""The recording interface of the work record (工作记实).

Apps call `record_action` from inside their service functions' transactions, so a record
commits or rolls back with the action it describes: no record is lost while a worker is
down, and no record describes an action that did not happen.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zlib
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from worklog.chain import HashChain
from worklog.models import WorkRecord

HASHED_FIELDS = (
    "at",
    "actor_id",
    "actor_name",
    "role",
    "department_id",
    "action",
    "label",
    "target_type",
    "target_id",
    "target_label",
    "from_state",
    "to_state",
    "reason",
    "elapsed_seconds",
    "extra",
)

# Each object's records form one of STREAMS chains (picked from the object, or else the
# actor), each with its own lock: two clerks acting on different cases never wait for each
# other's commit, while one object's history stays in one chain, in order.
STREAMS = 32

WORK_RECORD_CHAIN = HashChain(
    model=WorkRecord,
    fields=HASHED_FIELDS,
    lock_key=720302,
    streams=STREAMS,
    pg_lock_and_read="worklog_lock_and_read",  # migration 0004
    limits={
        "actor_name": 100,
        "role": 100,
        "label": 100,
        "target_type": 100,
        "target_id": 64,
        "target_label": 200,
        "from_state": 40,
        "to_state": 40,
        "reason": 500,
    },
)

_ACTION_CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")


def actor_role(user) -> str:
    """The staff groups (roles) the user holds right now, e.g. "窗口人员、部门审批人员".

    Cached on the user instance for the rest of the request, so a service recording several
    actions reads the groups once.
    """
    cached = getattr(user, "_worklog_role", None)
    if cached is None:
        names = sorted(user.groups.values_list("name", flat=True))
        cached = "、".join(names)
        user._worklog_role = cached
    return cached


def _plain_extra(extra: dict | None) -> dict:
    """The JSON value exactly as it will be read back (so the stored row hashes the same)."""
    if not extra:
        return {}
    return json.loads(json.dumps(extra, cls=DjangoJSONEncoder, ensure_ascii=False))


def _describe_actor(actor, department, role: str) -> dict[str, Any]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return {"actor_id": None, "actor_name": "", "role": role, "department_id": _pk(department)}
    return {
        "actor_id": actor.pk,
        "actor_name": actor.display_name,
        "role": role or actor_role(actor),
        "department_id": _pk(department) if department is not None else actor.department_id,
    }


def _pk(value) -> Any:
    return value.pk if isinstance(value, Model) else value


def record_action(
    *,
    actor,
    action: str,
    label: str = "",
    target: Model | None = None,
    target_type: str = "",
    target_id: str = "",
    target_label: str = "",
    department=None,
    role: str = "",
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    extra: dict | None = None,
) -> WorkRecord:
    """Record one action in the work record, inside the caller's transaction.

    `action` is a dotted code (`applications.accept`); `label` its Chinese name (受理).
    `target` (a model instance) gives the object's type, id and label; or pass them.
    Department and role default to the actor's at this moment. `actor=None` is the system.
    The object's previous record gives `elapsed_seconds` (time since the previous step).
    """
    if not _ACTION_CODE.match(action or ""):
        raise ValueError(f"action must be a dotted code like 'applications.accept': {action!r}")
    if target is not None:
        target_type = target_type or target._meta.label_lower
        target_id = target_id or str(target.pk)
        target_label = target_label or str(target)
    record = WorkRecord(
        **_describe_actor(actor, department, role),
        action=action,
        label=str(label),
        target_type=target_type,
        target_id=str(target_id),
        target_label=str(target_label),
        from_state=str(from_state),
        to_state=str(to_state),
        reason=str(reason).strip(),
        extra=_plain_extra(extra),
    )
    record.stream = stream_for(record)
    # No savepoint: a failed record fails the caller's transaction, action included.
    with transaction.atomic(savepoint=False):
        prev_hash, previous_at = WORK_RECORD_CHAIN.lock_and_read(
            stream=record.stream, **_previous_step(record)
        )
        # Stamped under the lock, so time order is id order (the chain order).
        record.at = timezone.now()
        record.elapsed_seconds = _elapsed(record.at, previous_at)
        WORK_RECORD_CHAIN.link([record], prev_hash)
        WORK_RECORD_CHAIN.insert(record)
    return record


def stream_for(record: WorkRecord) -> int:
    """The record's chain: from its object (so an object's history is one chain), else its
    actor, else 0 (system events without an object)."""
    if record.target_type and record.target_id:
        key = f"{record.target_type}:{record.target_id}"
    elif record.actor_id:
        key = f"actor:{record.actor_id}"
    else:
        return 0
    return zlib.crc32(key.encode()) % STREAMS


# When the same object was last recorded, read under the stream's lock. Written out (not
# compiled from a QuerySet on every call): this is the hot path. On PostgreSQL the same query
# runs inside `worklog_lock_and_read` (migration 0004), with the two values as its arguments.
_PREVIOUS_STEP = (
    "SELECT at FROM worklog_workrecord WHERE target_type = %s AND target_id = %s "
    "ORDER BY id DESC LIMIT 1"
)


def _previous_step(record: WorkRecord) -> dict:
    """The previous-step read for the lock: the object's type and id (none: no object, and
    NULLs match no record)."""
    if not record.target_type or not record.target_id:
        return {"also": "", "params": [None, None]}
    return {"also": _PREVIOUS_STEP, "params": [record.target_type, record.target_id]}


def _elapsed(at: dt.datetime, previous_at) -> int | None:
    if previous_at is None:
        return None
    if isinstance(previous_at, str):  # SQLite may hand a subquery's datetime back as text
        previous_at = parse_datetime(previous_at)
    if timezone.is_naive(previous_at):  # SQLite stores UTC without an offset
        previous_at = previous_at.replace(tzinfo=dt.UTC)
    return max(0, int((at - previous_at).total_seconds()))
