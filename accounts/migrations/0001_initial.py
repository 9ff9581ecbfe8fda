# The two models come from the audit app (audit 0007 renamed their tables); only Django's
# state is created here, and their content types follow them, so permissions stay attached.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = ("rulesofbehavioracknowledgement", "identityproviderdevice")


def content_types_follow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label="accounts", model=model).exists():
            ContentType.objects.filter(app_label="audit", model=model).update(
                app_label="accounts"
            )


def content_types_return(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="accounts", model__in=MOVED).update(app_label="audit")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("audit", "0007_sign_in_models_to_accounts"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="RulesOfBehaviorAcknowledgement",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("version", models.CharField(max_length=20)),
                        ("acknowledged_at", models.DateTimeField(db_index=True)),
                        ("address", models.GenericIPAddressField(blank=True, null=True)),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="rules_acknowledgements",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "Rules of Behavior acknowledgement",
                        "verbose_name_plural": "Rules of Behavior acknowledgements",
                        "ordering": ["-acknowledged_at"],
                    },
                ),
                migrations.CreateModel(
                    name="IdentityProviderDevice",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "name",
                            models.CharField(
                                help_text="The human-readable name of this device.",
                                max_length=64,
                            ),
                        ),
                        (
                            "confirmed",
                            models.BooleanField(
                                default=True, help_text="Is this device ready for use?"
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                help_text="The user that this device belongs to.",
                                on_delete=django.db.models.deletion.CASCADE,
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "identity provider sign-in",
                        "verbose_name_plural": "identity provider sign-ins",
                    },
                ),
            ],
        ),
        migrations.RunPython(content_types_follow, content_types_return),
    ]
