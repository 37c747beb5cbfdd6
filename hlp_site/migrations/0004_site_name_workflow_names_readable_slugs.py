"""The site's real name, the review workflow's names in Bangla, and readable Latin slugs for the
pages whose slugs were made from Bangla titles with their vowel signs dropped; the old addresses
(in both languages) redirect to the new ones."""

from urllib.parse import unquote

from django.db import migrations

from portal.slugs import is_garbled, readable_slug

SITE_NAME = "পারস্পরিক শিখন কর্মসূচি (HLP)"
WORKFLOW_NAMES = {"NILG review": "এনআইএলজি পর্যালোচনা"}
TASK_NAMES = {"NILG curator approval": "এনআইএলজি কিউরেটরের অনুমোদন"}
# Wagtail's tree: each level adds four characters to a page's path.
STEPLEN = 4
PAGES_WITH_ENGLISH_TITLES = [("practices", "PracticePage"), ("practices", "CircularPage")]


def name_site_and_workflow(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    Site.objects.filter(site_name="").update(site_name=SITE_NAME)
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    for old, new in WORKFLOW_NAMES.items():
        Workflow.objects.filter(name=old).update(name=new)
    for old, new in TASK_NAMES.items():
        Task.objects.filter(name=old).update(name=new)


def _english_title(apps, page_pk):
    for app_label, model_name in PAGES_WITH_ENGLISH_TITLES:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        title = model.objects.filter(pk=page_pk).values_list("title_en", flat=True).first()
        if title:
            return title
    return ""


def _public_path(url_path, site_roots):
    for root in site_roots:
        if url_path.startswith(root):
            return "/" + url_path[len(root) :]
    return None


def readable_slugs(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Revision = apps.get_model("wagtailcore", "Revision")
    Site = apps.get_model("wagtailcore", "Site")
    ContentType = apps.get_model("contenttypes", "ContentType")
    try:
        Redirect = apps.get_model("wagtailredirects", "Redirect")
    except LookupError:
        Redirect = None
    site_roots = list(Site.objects.values_list("root_page__url_path", flat=True))
    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    # Parents before children, so a child's url_path is rewritten from its new parent's.
    for page in Page.objects.order_by("depth", "path"):
        if not is_garbled(page.slug):
            continue
        parent_path = page.path[:-STEPLEN]
        siblings = Page.objects.filter(path__startswith=parent_path, depth=page.depth).exclude(
            pk=page.pk
        )
        base = readable_slug(page.title, _english_title(apps, page.pk))
        slug, suffix = base, 1
        while siblings.filter(slug=slug).exists():
            suffix += 1
            slug = f"{base}-{suffix}"
        old_url_path = page.url_path
        new_url_path = old_url_path[: -len(page.slug) - 1] + slug + "/"
        for node in Page.objects.filter(path__startswith=page.path):
            node.url_path = new_url_path + node.url_path[len(old_url_path) :]
            if node.pk == page.pk:
                node.slug = slug
            node.save(update_fields=["url_path", "slug"])
        if page_type is not None:
            for revision in Revision.objects.filter(
                base_content_type=page_type, object_id=str(page.pk)
            ):
                content = dict(revision.content)
                if is_garbled(content.get("slug", "")):
                    content["slug"] = slug
                    content["url_path"] = new_url_path
                    revision.content = content
                    revision.save(update_fields=["content"])
        old_public = _public_path(old_url_path, site_roots)
        new_public = _public_path(new_url_path, site_roots)
        if Redirect is not None and old_public and new_public:
            for prefix in ("", "/en"):
                Redirect.objects.get_or_create(
                    old_path=unquote(prefix + old_public.rstrip("/")),
                    site=None,
                    defaults={"is_permanent": True, "redirect_link": prefix + new_public},
                )


class Migration(migrations.Migration):
    dependencies = [
        ("hlp_site", "0003_move_shared_models_to_portal"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("practices", "0003_alter_budgetallocation_lgi_alter_replication_lgi"),
    ]

    operations = [
        migrations.RunPython(name_site_and_workflow, migrations.RunPython.noop),
        migrations.RunPython(readable_slugs, migrations.RunPython.noop),
    ]
