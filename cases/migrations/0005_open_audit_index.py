"""Partial indexes for two queues that a status index served badly at a million cases:
CRCL's audit queue (open audits only, in sampling order) and a team's cases awaiting
information (by the status they return to).

Numbered 0005 because another branch adds 0004_submission_token; at merge this depends on it.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_submission_token"),
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
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                condition=models.Q(("status", "awaiting_information")),
                fields=["resume_status", "received_at"],
                name="case_awaiting_by_resume",
            ),
        ),
    ]
