from django.db import migrations


class Migration(migrations.Migration):
    """The portal's settings and user profiles now belong to the `portal` app: their tables are
    renamed here and the models are taken from this app's state; `portal` 0001 adds them to its
    own state and moves their content types (so permissions stay attached)."""

    dependencies = [("hlp_site", "0002_create_homepage")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable("PortalSettings", "portal_portalsettings"),
                migrations.AlterModelTable("UserProfile", "portal_userprofile"),
            ],
            state_operations=[
                migrations.DeleteModel("PortalSettings"),
                migrations.DeleteModel("UserProfile"),
            ],
        ),
    ]
