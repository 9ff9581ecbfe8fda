# Message templates are the text of messages to requestors, which belong to the cases app
# (ARCHITECTURE.md): the table is renamed here and the state moves to cases 0006.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("routing", "0007_audit_queue"),
    ]

    operations = [
        migrations.AlterModelTable(name="messagetemplate", table="cases_messagetemplate"),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="MessageTemplate")],
        ),
    ]
