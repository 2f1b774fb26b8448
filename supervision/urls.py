"""URL routes of supervision (included at the site root)."""

from django.urls import path

from supervision.views import dashboard, ratings, records, statistics, tickets

app_name = "supervision"

urlpatterns = [
    path("supervision/", dashboard.dashboard, name="dashboard"),
    path("supervision/cases/", dashboard.case_list, name="case_list"),
    path("supervision/cases/<int:pk>/", dashboard.case_detail, name="case_detail"),
    path("supervision/cases/<int:pk>/chase/", dashboard.chase_issue, name="chase_issue"),
    path("supervision/chases/<int:pk>/answer/", dashboard.chase_answer, name="chase_answer"),
    path("supervision/ratings/", ratings.ratings, name="ratings"),
    path("supervision/tickets/<int:pk>/", tickets.ticket_detail, name="ticket"),
    path("supervision/tickets/<int:pk>/act/", tickets.ticket_act, name="ticket_act"),
    path("supervision/me/", records.my_record, name="my_record"),
    path("supervision/staff/<int:pk>/", records.staff_record, name="staff_record"),
    path("statistics/", statistics.statistics_page, name="statistics"),
    path("statistics/export.csv", statistics.statistics_csv, name="statistics_csv"),
]
