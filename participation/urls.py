"""Routes of the participation app (included at the site root, before Wagtail's pages).

/consultations/ and /notices/ themselves are Wagtail pages; the slug "feed" under /notices/
is taken by the feeds.
"""

from django.urls import path

from participation.appeals import views_public, views_staff
from participation.consultations import views as consultation_views
from participation.notices.feeds import NoticesAtomFeed, NoticesRssFeed

app_name = "participation"

urlpatterns = [
    path("appeals/new/", views_public.appeal_new, name="appeal_new"),
    path("appeals/receipt/", views_public.appeal_receipt, name="appeal_receipt"),
    path("appeals/lookup/", views_public.appeal_lookup, name="appeal_lookup"),
    path("appeals/hot/", views_public.hot_topics, name="hot_topics"),
    path("appeals/answers/", views_public.published_answers, name="published_answers"),
    path(
        "appeals/attachments/<int:attachment_id>/",
        views_staff.attachment_download,
        name="attachment",
    ),
    path("me/appeals/", views_public.my_appeals, name="my_appeals"),
    path("me/appeals/<str:number>/", views_public.my_appeal, name="my_appeal"),
    path(
        "me/appeals/<str:number>/<slug:action>/",
        views_public.my_appeal_action,
        name="my_appeal_action",
    ),
    path("hotline/", views_staff.centre_home, name="centre_home"),
    path("hotline/new/", views_staff.centre_intake, name="centre_intake"),
    path("hotline/appeals/<str:number>/", views_staff.centre_appeal, name="centre_appeal"),
    path(
        "hotline/appeals/<str:number>/<slug:action>/",
        views_staff.centre_action,
        name="centre_action",
    ),
    path("dept/appeals/", views_staff.department_home, name="department_home"),
    path("dept/appeals/<str:number>/", views_staff.department_appeal, name="department_appeal"),
    path(
        "dept/appeals/<str:number>/<slug:action>/",
        views_staff.department_action,
        name="department_action",
    ),
    path(
        "participation/consultations/<int:page_id>/comment/",
        consultation_views.comment_submit,
        name="comment_submit",
    ),
    path("participation/moderation/", consultation_views.moderation, name="moderation"),
    path(
        "participation/moderation/<int:page_id>/",
        consultation_views.moderation_page,
        name="moderation_page",
    ),
    path(
        "participation/moderation/comments/<int:comment_id>/",
        consultation_views.comment_moderate,
        name="comment_moderate",
    ),
    path(
        "participation/moderation/<int:page_id>/feedback/",
        consultation_views.feedback_publish,
        name="feedback_publish",
    ),
    path("notices/feed/rss/", NoticesRssFeed(), name="notices_rss"),
    path("notices/feed/atom/", NoticesAtomFeed(), name="notices_atom"),
]
