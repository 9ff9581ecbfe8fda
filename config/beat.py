"""Celery beat's scheduler: the database one, with the settings' entries as defaults only.

django-celery-beat's DatabaseScheduler writes every CELERY_BEAT_SCHEDULE entry over its
database row each time beat starts, which would undo an administrator's change of schedule
in the staff site at the next restart. Here an entry from the settings is installed only when
no row of that name exists; after that the database (the staff site) is the authority.
"""

from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import DatabaseScheduler


class DefaultsDatabaseScheduler(DatabaseScheduler):
    def update_from_dict(self, mapping):
        installed = set(
            PeriodicTask.objects.filter(name__in=list(mapping)).values_list("name", flat=True)
        )
        super().update_from_dict({n: e for n, e in mapping.items() if n not in installed})
