from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_roles(sender, apps=None, **kwargs):
    # The data migration creates the roles; a test database flush removes them, and
    # post_migrate is Django's own moment to put permissions back. (flush sends no apps.)
    from django.apps import apps as installed_apps

    from routing.role_permissions import ensure_roles

    ensure_roles(apps or installed_apps)


class RoutingConfig(AppConfig):
    name = "routing"
    verbose_name = _("Routing and queues")

    def ready(self):
        post_migrate.connect(_ensure_roles, sender=self, dispatch_uid="routing.ensure_roles")
        from routing import receivers

        receivers.connect()
