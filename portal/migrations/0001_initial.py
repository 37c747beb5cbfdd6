import django.core.validators
import django.db.models.deletion
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models

MOVED = ("portalsettings", "userprofile")


def _relabel_content_types(apps, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label=target, model=model).exists():
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def move_content_types(apps, schema_editor):
    _relabel_content_types(apps, "hlp_site", "portal")


def restore_content_types(apps, schema_editor):
    _relabel_content_types(apps, "portal", "hlp_site")


class Migration(migrations.Migration):
    """Takes over the portal's settings and user profiles from `hlp_site`, whose migration 0003
    renamed their tables: nothing is created in the database."""

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("hlp_site", "0003_move_shared_models_to_portal"),
        ("places", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PortalSettings",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("best_practice_threshold", models.PositiveIntegerField(default=50, help_text="A practice replicated by this many different LGIs is a best practice.", validators=[django.core.validators.MinValueValidator(1)], verbose_name="best-practice threshold")),
                        ("bdt_per_usd", models.DecimalField(decimal_places=2, default=Decimal("110.00"), help_text="Rate used to show budget figures in US dollars.", max_digits=8, validators=[django.core.validators.MinValueValidator(Decimal("0.01"))], verbose_name="taka per US dollar")),
                    ],
                    options={"verbose_name": "portal settings"},
                ),
                migrations.CreateModel(
                    name="UserProfile",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("national_scope", models.BooleanField(default=False, help_text="NILG staff whose registry role covers every LGI.", verbose_name="national scope")),
                        ("lgis", models.ManyToManyField(blank=True, help_text="Union parishads or pourashavas this user edits or holds records for.", limit_choices_to={"level__in": ["union", "pourashava"]}, related_name="staff_profiles", to="places.area", verbose_name="LGIs")),
                        ("user", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="hlp_profile", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={"verbose_name": "user profile"},
                ),
            ],
        ),
        migrations.RunPython(move_content_types, restore_content_types),
    ]
