"""Reads of the applications app, each scoped on the server to what the user may see.

Split by concern; every public name is re-exported here, so callers keep writing
``from applications import selectors`` or ``from applications.selectors import …``.
"""

from applications.selectors.cases import (
    CLERK_STATES,
    QueueFilter,
    application_find_public,
    application_get_for_applicant,
    application_get_for_clerk,
    application_get_for_reviewer,
    application_get_for_staff,
    application_list_for_applicant,
    applications_decided_by_department,
    applications_for_applicant,
    applications_for_clerk,
    applications_for_reviewer,
    document_get_by_code,
)
from applications.selectors.clock import (
    Clock,
    application_clock,
    application_countdown,
    provisional_dues_summary,
)
from applications.selectors.evidence import (
    application_evidence_owed,
    application_evidence_waiting,
)
from applications.selectors.organisation import organisation_actions_by_user
from applications.selectors.ratings import (
    rating_statistics,
    rating_statistics_default_period,
)
from applications.selectors.supervision import (
    case_deciders,
    case_events_by_case,
    case_get_for_supervision,
    case_holders,
    case_step_counts_between,
    cases_finished_between,
    cases_for_supervision,
    cases_running_for_warnings,
    evaluations_between,
    running_case_counts,
    tickets_resolved_between,
)
from applications.selectors.tickets import (
    ticket_get_for_department,
    ticket_get_for_supervisor,
    ticket_history,
    tickets_for_department,
    tickets_for_supervisor,
)
from applications.selectors.usage import services_most_applied

__all__ = [
    "CLERK_STATES",
    "Clock",
    "QueueFilter",
    "application_clock",
    "application_countdown",
    "application_evidence_owed",
    "application_evidence_waiting",
    "application_find_public",
    "application_get_for_applicant",
    "application_get_for_clerk",
    "application_get_for_reviewer",
    "application_get_for_staff",
    "application_list_for_applicant",
    "applications_decided_by_department",
    "applications_for_applicant",
    "applications_for_clerk",
    "applications_for_reviewer",
    "case_deciders",
    "case_events_by_case",
    "case_get_for_supervision",
    "case_holders",
    "case_step_counts_between",
    "cases_finished_between",
    "cases_for_supervision",
    "cases_running_for_warnings",
    "document_get_by_code",
    "evaluations_between",
    "organisation_actions_by_user",
    "provisional_dues_summary",
    "rating_statistics",
    "rating_statistics_default_period",
    "running_case_counts",
    "services_most_applied",
    "ticket_get_for_department",
    "ticket_get_for_supervisor",
    "ticket_history",
    "tickets_for_department",
    "tickets_for_supervisor",
    "tickets_resolved_between",
]
