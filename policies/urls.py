"""URL routes of the policies app (included at the site root).

The channel page (/business/) and the policy pages are Wagtail pages; these routes are the
business's own views beside them. Their first path segments are reserved slugs.
"""

from django.urls import path

from policies import views

app_name = "policies"

urlpatterns = [
    path("business/profile/", views.profile, name="profile"),
    path("business/matches/", views.matches, name="matches"),
    path("business/self-check/", views.self_check, name="self_check"),
    path("business/notices/", views.notices, name="notices"),
    path("business/notices/<uuid:notice_id>/confirm/", views.notice_confirm, name="notice_confirm"),
    path("business/notices/<uuid:notice_id>/decline/", views.notice_decline, name="notice_decline"),
    path("business/policies/<int:policy_id>/ask/", views.question_ask, name="question_ask"),
    path("business/questions/", views.my_questions, name="my_questions"),
    path("business/questions/overdue/", views.questions_overdue, name="questions_overdue"),
    path("business/scans/", views.scans, name="scans"),
]

RESERVED_SLUGS = {"profile", "matches", "self-check", "notices", "policies", "questions", "scans"}
