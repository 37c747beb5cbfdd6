from django import template

from ..follows import followed

register = template.Library()


@register.simple_tag(takes_context=True)
def follow_state(context, kind, target):
    """Whether the signed-in reader follows this target (from the cache: no query per page)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or target is None:
        return False
    return (kind, target.pk) in followed(user)
