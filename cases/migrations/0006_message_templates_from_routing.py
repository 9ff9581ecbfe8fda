# The message templates come from the routing app (routing 0008 renamed their table); only
# Django's state is created here, and the content type follows, so the program group keeps
# its permissions on them.

from django.db import migrations, models


def content_type_follows(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="cases", model="messagetemplate").exists():
        ContentType.objects.filter(app_label="routing", model="messagetemplate").update(
            app_label="cases"
        )


def content_type_returns(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="cases", model="messagetemplate").update(
        app_label="routing"
    )


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0005_open_audit_index"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("routing", "0008_message_templates_to_cases"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="MessageTemplate",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("decision", "Decision"),
                                    ("presentation", "Decision: where and when to present oneself"),
                                    ("information_request", "Request for further information"),
                                    (
                                        "information_reminder",
                                        "Reminder of a request for information",
                                    ),
                                ],
                                max_length=24,
                                verbose_name="kind",
                            ),
                        ),
                        (
                            "language",
                            models.CharField(
                                choices=[
                                    ("en", "English"),
                                    ("es", "Spanish"),
                                    ("ht", "Haitian Creole"),
                                    ("pt-br", "Brazilian Portuguese"),
                                ],
                                max_length=5,
                                verbose_name="language",
                            ),
                        ),
                        (
                            "subject",
                            models.CharField(blank=True, max_length=200, verbose_name="subject"),
                        ),
                        (
                            "body",
                            models.TextField(
                                help_text=(
                                    "Placeholders: $case_number, $outcome, $port_of_entry, "
                                    "$present_at, $message, $link, $due_date"
                                ),
                                verbose_name="body",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "message template",
                        "verbose_name_plural": "message templates",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("kind", "language"), name="one_template_per_language"
                            )
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(content_type_follows, content_type_returns),
    ]
