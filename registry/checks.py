"""Deploy checks: a production registry must have its own keys, never the embedded default."""

from django.conf import settings
from django.core.checks import Error, Tags, register

from .identity import ENCRYPTION_KEY_VARIABLE, configured_encryption_secrets
from .keys import MIN_LENGTH, weak_encryption_key, weak_id_key


@register(Tags.security, deploy=True)
def check_registry_keys(app_configs=None, **kwargs):
    """Refuse the embedded default keys (``manage.py check --deploy``)."""
    problems = []
    id_key = settings.REGISTRY_ID_KEY
    if weak_id_key(id_key):
        problems.append(
            Error(
                f"REGISTRY_ID_KEY must be a random value of at least {MIN_LENGTH} "
                "characters, not the embedded default.",
                hint="It keys the hash that matches identity numbers; keep it secret and stable.",
                id="registry.E001",
            )
        )
    secrets = configured_encryption_secrets()
    if not secrets:
        problems.append(
            Error(
                f"{ENCRYPTION_KEY_VARIABLE} is not set: identity numbers would be encrypted with "
                "a key derived from REGISTRY_ID_KEY (the embedded default).",
                hint=f"Set {ENCRYPTION_KEY_VARIABLE} to a random value of at least "
                f"{MIN_LENGTH} characters (several, comma-separated, to rotate keys: "
                "the first encrypts, all decrypt).",
                id="registry.E002",
            )
        )
    for secret in secrets:
        if weak_encryption_key(secret, id_key):
            problems.append(
                Error(
                    f"Every key in {ENCRYPTION_KEY_VARIABLE} must have at least "
                    f"{MIN_LENGTH} characters and differ from REGISTRY_ID_KEY.",
                    id="registry.E003",
                )
            )
            break
    return problems
