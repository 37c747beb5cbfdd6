"""Import files move from MEDIA_ROOT/imports/, which a web server serves, to private storage
(imports.storage): error reports get random names and their messages, like every job's report,
have identity numbers masked."""

from django.db import migrations


def move_to_private_storage(apps, schema_editor):
    from imports.storage import move_legacy_files

    move_legacy_files(apps.get_model("imports", "ImportJob"))


class Migration(migrations.Migration):
    # Each job is written as its files move, so an interrupted run can simply be run again.
    atomic = False

    dependencies = [
        ("imports", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(move_to_private_storage, migrations.RunPython.noop, elidable=True),
    ]
