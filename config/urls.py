from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import views as accounts_views
from portal import views as portal_views

urlpatterns = [
    path("healthz", portal_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("language/<str:code>/", portal_views.choose_language, name="choose_language"),
    path("large-text/", portal_views.toggle_large_text, name="toggle_large_text"),
    path("accounts/", include("allauth.urls")),
    # Wagtail's login forms (admin and private pages) would skip lockout, e-mail verification and MFA: one door only.
    path("admin/login/", accounts_views.admin_login_redirect, name="admin_login_redirect"),
    path("_util/login/", accounts_views.page_login_redirect, name="page_login_redirect"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("media/images/<path:path>", portal_views.image_rendition, name="image_rendition"),
    path("", include("accounts.urls")),
]

# Each app's routes are listed in settings.PORTAL_APP_URLCONFS so that apps plug in
# without editing this file; Wagtail's catch-all page serving must come last.
for module in getattr(settings, "PORTAL_APP_URLCONFS", []):
    urlpatterns.append(path("", include(module)))

urlpatterns.append(path("", include(wagtail_urls)))

handler400 = "portal.views.error_400"
handler403 = "portal.views.error_403"
handler404 = "portal.views.error_404"
handler500 = "portal.views.error_500"
