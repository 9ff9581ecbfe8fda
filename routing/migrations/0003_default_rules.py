"""The default routing policy, documented in docs/routing.md. Administrators may edit it."""

from django.db import migrations

from routing.default_rules import DEFAULT_RULES


def add_default_rules(apps, schema_editor):
    RoutingRule = apps.get_model("routing", "RoutingRule")
    for rule in DEFAULT_RULES:
        RoutingRule.objects.update_or_create(order=rule["order"], defaults=rule)


def remove_default_rules(apps, schema_editor):
    RoutingRule = apps.get_model("routing", "RoutingRule")
    RoutingRule.objects.filter(name__in=[rule["name"] for rule in DEFAULT_RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("routing", "0002_roles")]

    operations = [migrations.RunPython(add_default_rules, remove_default_rules)]
