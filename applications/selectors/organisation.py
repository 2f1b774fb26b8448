"""What each authorised person did on a company's cases, for the company's administrator."""

from __future__ import annotations

from applications.models import ApplicationEvent


def organisation_actions_by_user(
    *, organisation_id: int, user_ids: list[int], limit: int = 10
) -> dict[int, list[ApplicationEvent]]:
    """The last ``limit`` case events each user made on the organisation's cases, newest first.

    Only the company's own cases (``Application.organisation``) count: what a person did on
    their private cases or another company's stays out of this company's view.
    """
    result: dict[int, list[ApplicationEvent]] = {uid: [] for uid in user_ids}
    for uid in user_ids:
        result[uid] = list(
            ApplicationEvent.objects.filter(
                application__organisation_id=organisation_id, actor_id=uid
            )
            .select_related("application", "application__service")
            .order_by("-created_at", "-pk")[:limit]
        )
    return result
