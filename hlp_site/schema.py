"""The OpenAPI schema describes the open data API only, not Wagtail's admin endpoints."""


def open_data_endpoints(endpoints, **kwargs):
    return [endpoint for endpoint in endpoints if "/api/v1/" in endpoint[0]]
