from django.db import migrations

from cases.default_message_templates import install_default_templates


def install(apps, schema_editor):
    install_default_templates(apps.get_model("routing", "MessageTemplate"))


class Migration(migrations.Migration):
    dependencies = [("routing", "0005_message_templates")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
