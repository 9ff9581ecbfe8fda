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
        # No collectstatic before tests: serve from the finders without a manifest.
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
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
