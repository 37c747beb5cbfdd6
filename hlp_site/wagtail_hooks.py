"""The admin as the portal's users meet it: the portal's Bangla font on every admin page, and
dates typed in Bangla digits."""

from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks


@hooks.register("insert_global_admin_css")
def bangla_font():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


@hooks.register("insert_global_admin_js")
def bangla_digits_in_dates():
    return format_html('<script src="{}" defer></script>', static("js/admin-digits.js"))


@hooks.register("construct_page_action_menu")
def submit_first_for_those_who_cannot_publish(menu_items, request, context):
    """An UP editor's work ends in submitting for NILG's review: that is their page's main
    button, not an item under "more actions" (those who may publish keep "publish" there)."""
    names = [item.name for item in menu_items]
    if "action-publish" in names or "action-submit" not in names:
        return
    submit = menu_items.pop(names.index("action-submit"))
    menu_items.insert(0, submit)
