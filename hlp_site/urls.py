from importlib.util import find_spec

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from hlp_site import accounts, views

# Each app's public pages, under the language prefix; apps without pages yet are skipped.
APP_URLCONFS = [
    f"{app}.urls"
    for app in (
        "places",
        "practices",
        "workshops",
        "registry",
        "search",
        "dashboards",
        "following",
        "imports",
    )
    if find_spec(f"{app}.urls") is not None
]

urlpatterns = [
    path("health/", views.health, name="health"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("django-admin/", admin.site.urls),
    # One sign-in form for the whole portal: Wagtail's own address leads to it.
    path("admin/login/", accounts.admin_sign_in, name="admin_sign_in"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

urlpatterns += i18n_patterns(
    path("sign-in/", accounts.SignInView.as_view(), name="sign_in"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="sign_out"),
    path("my-work/", accounts.my_work, name="my_work"),
    *[path("", include(urlconf)) for urlconf in APP_URLCONFS],
    # Wagtail's page serving catches everything else, so it comes last.
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
