"""The admin as the portal's users meet it: the portal's Bangla font on every admin page."""

from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks


@hooks.register("insert_global_admin_css")
def bangla_font():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))
