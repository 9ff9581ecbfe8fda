# The queue proxies belong to the staff site (staff/, app label "queues", migration 0001):
# proxies have no table, so this only removes them from routing's state.

from django.db import migrations

QUEUE_PROXIES = (
    "MyCase",
    "TeamUnassignedCase",
    "AwaitingInformationCase",
    "DecidedCase",
    "OverdueCase",
    "CaseFile",
    "AuditQueueCase",
)


class Migration(migrations.Migration):

    dependencies = [
        ("routing", "0008_message_templates_to_cases"),
    ]

    operations = [migrations.DeleteModel(name=name) for name in QUEUE_PROXIES]
