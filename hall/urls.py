from django.urls import path

from hall.views import booking, console, display, kiosk

app_name = "hall"

urlpatterns = [
    path("hall/", booking.book_start, name="book_start"),
    path("hall/console/", console.console, name="console"),
    path("hall/console/statistics/", console.statistics, name="statistics"),
    path("hall/console/<slug:action>/", console.console_act, name="console_act"),
    path("hall/tablet/<str:token>/", display.tablet, name="tablet"),
    path("hall/book/<str:service_code>/", booking.book_service, name="book_service"),
    path("hall/book/<str:service_code>/confirm/", booking.book_submit, name="book_submit"),
    path("hall/<slug:slug>/display/", display.display, name="display"),
    path("hall/<slug:slug>/display/state.json", display.display_state, name="display_state"),
    path("hall/<slug:slug>/ticket/", booking.ticket_online, name="ticket_online"),
    path("me/appointments/", booking.my_appointments, name="my_appointments"),
    path("me/appointments/<int:pk>/", booking.appointment_detail, name="appointment_detail"),
    path("me/appointments/<int:pk>/qr.png", booking.appointment_qr, name="appointment_qr"),
    path(
        "me/appointments/<int:pk>/<slug:action>/",
        booking.appointment_change,
        name="appointment_change",
    ),
    path("kiosk/<slug:slug>/", kiosk.start, name="kiosk"),
    path("kiosk/<slug:slug>/take/", kiosk.take, name="kiosk_take"),
    path("kiosk/<slug:slug>/check-in/", kiosk.check_in, name="kiosk_check_in"),
    path("kiosk/<slug:slug>/progress/", kiosk.progress, name="kiosk_progress"),
]
