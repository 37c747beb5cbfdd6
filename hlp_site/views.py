import time

from django.conf import settings
from django.db import connection
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static


def _check_database():
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True, "vendor": connection.vendor, "ms": _ms(started)}


def _check_broker():
    if not settings.CELERY_BROKER_URL:
        return {"ok": True, "mode": "eager"}
    from kombu import Connection

    started = time.monotonic()
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return {"ok": True, "mode": "broker", "ms": _ms(started)}


def _check_search():
    import search

    return search.health()


def _ms(started):
    return round((time.monotonic() - started) * 1000, 1)


CHECKS = {"database": _check_database, "search": _check_search, "broker": _check_broker}


def health(request):
    """Each service's state as JSON; 503 when a service the portal cannot do without is down."""
    report = {}
    for name, check in CHECKS.items():
        try:
            report[name] = check()
        except Exception as exc:  # a health check reports every failure, whatever its kind
            report[name] = {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
    # A service that has a fallback (search answers from the database) degrades the portal
    # without taking it down, so a load balancer keeps sending traffic.
    down = [name for name, part in report.items() if not part.get("ok")]
    required_down = [name for name in down if report[name].get("required", True)]
    report["status"] = "unavailable" if required_down else ("degraded" if down else "ok")
    return JsonResponse(report, status=503 if required_down else 200)


def favicon(request):
    """Browsers ask for /favicon.ico whatever a page names: the portal's icon is an SVG."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))
