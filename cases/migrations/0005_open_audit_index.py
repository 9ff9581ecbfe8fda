"""CRCL's audit queue: a partial index over the open audits only, in sampling order.

Numbered 0005 because another branch adds 0004_submission_token; at merge this depends on it.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_search_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="crclaudit",
            index=models.Index(
                condition=models.Q(("outcome", "")),
                fields=["sampled_at", "case"],
                name="crclaudit_open_by_sampling",
            ),
        ),
    ]
