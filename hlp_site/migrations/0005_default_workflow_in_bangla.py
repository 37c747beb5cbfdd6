"""Wagtail's default workflow (for pages outside the practice catalogue: workshops, circulars)
and its task in Bangla: their names are shown on buttons of the Bangla admin ("… -এর জন্য জমা
দিন") and in its workflow listings."""

from django.db import migrations

WORKFLOW_NAMES = {"Moderators approval": "প্রকাশের আগে অনুমোদন"}
TASK_NAMES = {"Moderators approval": "মডারেটরের অনুমোদন"}


def rename(names):
    def run(apps, schema_editor):
        Workflow = apps.get_model("wagtailcore", "Workflow")
        Task = apps.get_model("wagtailcore", "Task")
        for old, new in names[0].items():
            Workflow.objects.filter(name=old).update(name=new)
        for old, new in names[1].items():
            Task.objects.filter(name=old).update(name=new)

    return run


def _reversed(names):
    return {new: old for old, new in names.items()}


class Migration(migrations.Migration):
    dependencies = [("hlp_site", "0004_site_name_workflow_names_readable_slugs")]

    operations = [
        migrations.RunPython(
            rename((WORKFLOW_NAMES, TASK_NAMES)),
            rename((_reversed(WORKFLOW_NAMES), _reversed(TASK_NAMES))),
        )
    ]
