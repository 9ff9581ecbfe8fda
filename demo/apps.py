from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Seed data, the demo second factor, the demo virus scanner and the load generator.

    For the embedded demo mode and benchmarks only; no production app imports it.
    """

    name = "demo"
    verbose_name = _("Demo and benchmark data")
