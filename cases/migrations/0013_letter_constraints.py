# A letter's statuses belong to letters, and a delivered letter says who recorded it and when.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0012_letters_and_templates_data"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='communication',
            constraint=models.CheckConstraint(condition=models.Q(('channel', 'letter'), models.Q(('status__in', ['to_print', 'printed', 'delivered']), _negated=True), _connector='OR'), name='letter_is_printed_or_waits'),
        ),
        migrations.AddConstraint(
            model_name='communication',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'delivered'), _negated=True), models.Q(('delivered_at__isnull', False), ('delivered_by__isnull', False)), _connector='OR'), name='delivered_letter_has_who_and_when'),
        ),
    ]
