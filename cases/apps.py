from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases")

    def ready(self):
        from cases import (
            checks,  # noqa: F401 - registers the system checks
            receivers,
            tasks,  # noqa: F401 - registers the tasks services wake by name
        )

        receivers.connect()
