import pytest
from django.contrib.auth.models import Group

ROLES = ("program", "cbp", "uscis", "crcl", "admin", "developers", "leadership")


@pytest.fixture(autouse=True)
def private_document_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "documents"), "base_url": None},
        },
    }


@pytest.fixture
def staff(db, django_user_model):
    """One standing user per role: staff.cbp, staff.uscis, ..."""

    class Staff:
        pass

    people = Staff()
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        user = django_user_model.objects.create_user(
            username=f"{role}.officer", password="correct horse battery staple", is_staff=True
        )
        user.groups.add(group)
        setattr(people, role, user)
    return people


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Hashing strength is Django's concern; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def routing_rules_after_a_flush(request):
    # A transactional test ends by flushing every table, including the routing rules a data
    # migration installed; put the default rules back for the transactional tests after it.
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction"))
    if not (transactional or {"transactional_db", "live_server"} & set(request.fixturenames)):
        return
    request.getfixturevalue("transactional_db")
    from routing.default_rules import install_default_rules
    from routing.models import RoutingRule

    install_default_rules(RoutingRule)
