"""Beneficiary figures per LGI (they were per upazila), so LGI pages read the same protected
figures as everything else. Rows copied before have no LGI; forgetting the registry stamp makes
the next copy of the registry's figures (the beat task, within minutes) replace them."""

import django.db.models.deletion
from django.db import migrations, models


def forget_registry_stamp(apps, schema_editor):
    apps.get_model("dashboards", "DataVersion").objects.update(registry_stamp="")


class Migration(migrations.Migration):
    dependencies = [
        ("dashboards", "0001_initial"),
        ("places", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="beneficiaryfigure",
            name="dashboards_beneficiary_figure_key",
        ),
        migrations.AddField(
            model_name="beneficiaryfigure",
            name="lgi",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="places.area",
            ),
        ),
        migrations.AddConstraint(
            model_name="beneficiaryfigure",
            constraint=models.UniqueConstraint(
                fields=("practice", "lgi", "fiscal_year"),
                name="dashboards_beneficiary_figure_lgi_key",
            ),
        ),
        migrations.RunPython(forget_registry_stamp, migrations.RunPython.noop),
    ]
