# The Rules of Behavior acknowledgements and the identity provider's stand-in device belong to
# the accounts app: their tables are renamed here and their state moves to accounts 0001.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0006_identity_provider_device"),
    ]

    operations = [
        migrations.AlterModelTable(
            name="rulesofbehavioracknowledgement",
            table="accounts_rulesofbehavioracknowledgement",
        ),
        migrations.AlterModelTable(
            name="identityproviderdevice",
            table="accounts_identityproviderdevice",
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="RulesOfBehaviorAcknowledgement"),
                migrations.DeleteModel(name="IdentityProviderDevice"),
            ],
        ),
    ]
