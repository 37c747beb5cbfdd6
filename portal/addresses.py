"""Where a request came from, behind as many reverse proxies as the deployment says."""

from urllib.parse import urlsplit

from django.conf import settings


def client_address(request):
    """The address the request came from, trusting as many proxies as TRUSTED_PROXY_COUNT.

    Behind one reverse proxy REMOTE_ADDR is the proxy itself; the client is the last address
    the proxy appended to X-Forwarded-For. Addresses further left are written by the client
    and cannot be trusted."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "unknown")


def public_url(path):
    """The portal's address of `path` for text that leaves the site (a PDF's footer): built on
    the configured address (WAGTAILADMIN_BASE_URL, the public origin in production), never on
    the host name stored with Wagtail's site record ("localhost" on a fresh install)."""
    path = path or "/"
    if path.startswith(("http://", "https://")):
        parts = urlsplit(path)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
    base = (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")
    return f"{base}{path}"
