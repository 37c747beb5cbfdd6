"""What makes a registry key good enough for production: one rule, read by the production
settings (which refuse to start) and by the deploy check (`registry.checks`).

Pure Python, so that settings can import it before Django is set up."""

MIN_LENGTH = 32
EMBEDDED_ID_KEY = "embedded-default-registry-key"


def split_keys(raw):
    """The keys of a comma-separated setting, first the one that encrypts."""
    return [part.strip() for part in (raw or "").split(",") if part.strip()]


def weak_id_key(key):
    """Whether REGISTRY_ID_KEY is missing, the embedded default, or too short."""
    return not key or key == EMBEDDED_ID_KEY or len(key) < MIN_LENGTH


def weak_encryption_key(key, id_key):
    """Whether an encryption key is too short or the same as REGISTRY_ID_KEY."""
    return len(key) < MIN_LENGTH or key == id_key
