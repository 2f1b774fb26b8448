"""Writes of the applications app, split by concern. Every state change goes through the one
transition engine (services.transitions) and its state tables in applications.constants.

Each transition checks the actor's right and the source state, runs in transaction.atomic()
with the row locked (select_for_update), records an event and enqueues side effects
(documents, notifications) with transaction.on_commit (services._enqueue).

This package re-exports every public name, so `from applications import services` and
`services.application_submit(...)` keep working for callers inside and outside the app.
"""

from applications.deadlines import applications_flag_deadlines
from applications.permissions import (
    clerk_may_handle,
    document_may_revoke,
    reviewer_step,
    ticket_may_handle,
    ticket_may_supervise,
    user_is_applicant_side,
)
from applications.services.consent import (
    application_evidence_consent,
    application_evidence_decide,
    application_evidence_followup,
    application_evidence_purpose,
    application_request_evidence,
)
from applications.services.drafts import (
    application_create_for_benefit,
    application_save_applicant,
    application_save_form,
    application_sign_commitment,
    application_start,
    application_submit,
    application_submit_direct,
    application_withdraw,
)
from applications.services.intake import (
    application_accept,
    application_pre_review,
    application_reject_intake,
    application_request_supplement,
    application_supplement_submit,
    material_check,
)
from applications.services.materials import (
    application_missing_materials,
    item_owed_after_evidence,
    material_set_mode,
    material_upload,
)
from applications.services.prefill import (
    CertifiedValue,
    application_certified_values,
    application_typed_values,
)
from applications.services.ratings import application_evaluate, application_evaluate_on_the_spot
from applications.services.review import (
    application_approve,
    application_complete,
    application_refuse,
    application_resume,
    application_review_start,
    application_suspend,
)
from applications.services.revocation import REVOKE_REASON_MAX, document_revoke
from applications.services.shared import (
    notification_deliver,
    private_file_delete,
    private_file_read,
    private_file_write,
    upload_validate,
)
from applications.services.sharing import drafts_sharing_withdrawn, evidence_types_offered
from applications.services.tickets import (
    TICKET_NOTE_MAX,
    ticket_appeal,
    ticket_appeal_decide,
    ticket_callback_record,
    ticket_confirm,
    ticket_plan,
    ticket_rectify,
    ticket_send_back,
    ticket_transition,
)
from applications.services.transitions import TransitionError, application_transition
from applications.services.walk_in import walk_in_start

__all__ = [
    "REVOKE_REASON_MAX",
    "TICKET_NOTE_MAX",
    "CertifiedValue",
    "TransitionError",
    "application_accept",
    "application_approve",
    "application_certified_values",
    "application_complete",
    "application_create_for_benefit",
    "application_evaluate",
    "application_evaluate_on_the_spot",
    "application_evidence_consent",
    "application_evidence_decide",
    "application_evidence_followup",
    "application_evidence_purpose",
    "application_missing_materials",
    "application_pre_review",
    "application_refuse",
    "application_reject_intake",
    "application_request_evidence",
    "application_request_supplement",
    "application_resume",
    "application_review_start",
    "application_save_applicant",
    "application_save_form",
    "application_sign_commitment",
    "application_start",
    "application_submit",
    "application_submit_direct",
    "application_supplement_submit",
    "application_suspend",
    "application_transition",
    "application_typed_values",
    "application_withdraw",
    "applications_flag_deadlines",
    "clerk_may_handle",
    "document_may_revoke",
    "document_revoke",
    "drafts_sharing_withdrawn",
    "evidence_types_offered",
    "item_owed_after_evidence",
    "material_check",
    "material_set_mode",
    "material_upload",
    "notification_deliver",
    "private_file_delete",
    "private_file_read",
    "private_file_write",
    "reviewer_step",
    "ticket_appeal",
    "ticket_appeal_decide",
    "ticket_callback_record",
    "ticket_confirm",
    "ticket_may_handle",
    "ticket_may_supervise",
    "ticket_plan",
    "ticket_rectify",
    "ticket_send_back",
    "ticket_transition",
    "upload_validate",
    "user_is_applicant_side",
    "walk_in_start",
]
