"""URL routes of the applications app (included at the site root)."""

from django.urls import path

from applications import views

app_name = "applications"

urlpatterns = [
    path("apply/draft/<int:pk>/step/<int:step>/", views.draft_step, name="draft_step"),
    path("apply/draft/<int:pk>/data/", views.draft_data, name="draft_data"),
    path("apply/draft/<int:pk>/autosave/", views.draft_autosave, name="draft_autosave"),
    path("apply/draft/<int:pk>/upload/", views.draft_upload, name="draft_upload"),
    path("apply/draft/<int:pk>/evidence/", views.draft_evidence, name="draft_evidence"),
    path(
        "apply/draft/<int:pk>/material-mode/", views.draft_material_mode, name="draft_material_mode"
    ),
    path("apply/draft/<int:pk>/submit/", views.draft_submit, name="draft_submit"),
    path("apply/<str:service_code>/", views.apply_start, name="apply_start"),
    path("me/organisation/activity/", views.organisation_activity, name="organisation_activity"),
    path("me/applications/", views.my_list, name="my_list"),
    path("me/messages/", views.message_list, name="messages"),
    path("me/messages/read-all/", views.message_read_all, name="messages_read_all"),
    path("me/messages/channels/", views.message_channels, name="message_channels"),
    path("me/messages/<int:pk>/", views.message_open, name="message_open"),
    path("me/applications/<int:pk>/", views.my_detail, name="my_detail"),
    path("me/applications/<int:pk>/evaluate/", views.my_evaluate, name="my_evaluate"),
    path("me/applications/<int:pk>/<str:action>/", views.my_action, name="my_action"),
    path("files/materials/<int:pk>/", views.material_download, name="material_download"),
    path("files/documents/<int:pk>/", views.document_download, name="document_download"),
    path("counter/", views.counter_queue, name="counter"),
    path("counter/walk-in/", views.counter_walk_in, name="counter_walk_in"),
    path("counter/<int:pk>/", views.counter_detail, name="counter_detail"),
    path("counter/<int:pk>/decide/", views.counter_decide, name="counter_decide"),
    path("review/", views.review_queue, name="review"),
    path("review/<int:pk>/", views.review_detail, name="review_detail"),
    path("review/<int:pk>/act/", views.review_act, name="review_act"),
    path("review/tickets/", views.ticket_list, name="ticket_list"),
    path("review/tickets/<int:pk>/", views.ticket_detail, name="ticket_detail"),
    path("review/tickets/<int:pk>/act/", views.ticket_act, name="ticket_act"),
    path("files/documents/<int:pk>/revoke/", views.document_revoke, name="document_revoke"),
    path("ratings/", views.ratings_public, name="ratings_public"),
    path("verify/", views.verify, name="verify_form"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("progress/", views.progress_lookup, name="progress"),
]
