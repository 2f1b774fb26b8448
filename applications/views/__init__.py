"""Views of the applications app, by audience; thin: parse input, call a service, render.

POST actions are command objects (applications.commands) that validate input and call one
service. URL names and paths are in applications/urls.py, which imports the views from here.
"""

from applications.views.apply import (
    apply_start,
    draft_autosave,
    draft_evidence,
    draft_material_mode,
    draft_step,
    draft_submit,
    draft_upload,
)
from applications.views.consent import draft_data
from applications.views.counter import (
    counter_decide,
    counter_detail,
    counter_queue,
    counter_walk_in,
)
from applications.views.files import document_download, material_download
from applications.views.messages import (
    message_channels,
    message_list,
    message_open,
    message_read_all,
)
from applications.views.mine import my_action, my_detail, my_evaluate, my_list
from applications.views.organisation import organisation_activity
from applications.views.public import progress_lookup, ratings_public, verify
from applications.views.review import (
    document_revoke,
    review_act,
    review_detail,
    review_queue,
    ticket_act,
    ticket_detail,
    ticket_list,
)

__all__ = [
    "apply_start",
    "counter_decide",
    "counter_detail",
    "counter_queue",
    "counter_walk_in",
    "document_download",
    "document_revoke",
    "draft_autosave",
    "draft_data",
    "draft_evidence",
    "draft_material_mode",
    "draft_step",
    "draft_submit",
    "draft_upload",
    "material_download",
    "message_channels",
    "message_list",
    "message_open",
    "message_read_all",
    "my_action",
    "my_detail",
    "my_evaluate",
    "my_list",
    "organisation_activity",
    "progress_lookup",
    "ratings_public",
    "review_act",
    "review_detail",
    "review_queue",
    "ticket_act",
    "ticket_detail",
    "ticket_list",
    "verify",
]
