from django.db import migrations

from routing.default_ports import install_default_ports


def install(apps, schema_editor):
    install_default_ports(apps.get_model("routing", "PortOfEntry"))


class Migration(migrations.Migration):
    dependencies = [("routing", "0010_ports_of_entry")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
