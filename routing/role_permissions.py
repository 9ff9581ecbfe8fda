"""The model permissions each role (group) holds, and the permissions on cases they are made of.

Model permissions say what kind of thing a role may touch; which cases it may touch is decided
by object permissions on each case (granted in ``routing.services``), except for the roles that
hold ``cases.view_case`` for every case (program personnel and administrators). The module
permissions (``edit_cbp_module`` and its siblings) are named in ``cases.components``; they live
on Case, not on the module models, because django-guardian grants a permission on an object of
the permission's own model.
"""

from accounts.roles import ADMIN, CBP, CRCL, DEVELOPERS, LEADERSHIP, PROGRAM, USCIS
from cases.components import COMPONENTS

_CASE_READING = [
    "cases.view_enrollee",
    "cases.view_representative",
    "cases.view_preparer",
    "cases.view_document",
    "cases.view_casetransition",
    "cases.view_analysisnote",
]

ROLE_PERMISSIONS = {
    # Sees every case; triages, routes, handles what is not a disenrollment request.
    PROGRAM: [
        "cases.view_case",
        "cases.change_case",
        "cases.edit_program_module",
        *_CASE_READING,
        "cases.add_analysisnote",
        "cases.add_document",
        "cases.view_programreview",
        "cases.change_programreview",
        "cases.view_cbpreview",
        "cases.view_uscisreview",
        "cases.view_crclaudit",
        "cases.view_informationrequest",
        "cases.add_informationrequest",
        "cases.view_communication",
        "cases.add_communication",
        "routing.view_routingrule",
        "routing.view_placement",
        "routing.view_auditsample",
        "routing.add_auditsample",
        # CRCL's requests for cases to audit: program personnel approve or refuse them.
        "routing.view_auditrequest",
        "routing.change_auditrequest",
        "cases.view_messagetemplate",
        "cases.change_messagetemplate",
        # Where people present themselves after a decision: program personnel keep the list.
        "routing.view_portofentry",
        "routing.add_portofentry",
        "routing.change_portofentry",
    ],
    # CBP, USCIS and CRCL reach a case only through object permissions on it.
    CBP: [
        *_CASE_READING,
        "cases.add_analysisnote",
        "cases.add_document",
        "cases.view_cbpreview",
        "cases.change_cbpreview",
        "cases.view_informationrequest",
        "cases.add_informationrequest",
    ],
    USCIS: [
        *_CASE_READING,
        "cases.add_analysisnote",
        "cases.add_document",
        "cases.view_uscisreview",
        "cases.change_uscisreview",
        "cases.view_informationrequest",
        "cases.add_informationrequest",
    ],
    CRCL: [
        *_CASE_READING,
        "cases.add_analysisnote",
        "cases.view_cbpreview",
        "cases.view_uscisreview",
        "cases.view_programreview",
        "cases.view_crclaudit",
        "cases.change_crclaudit",
        "routing.view_auditsample",
        "routing.view_auditrequest",
        "routing.add_auditrequest",
    ],
    # Configuration and audit logs; reads every case, edits no module.
    ADMIN: [
        "cases.view_case",
        *_CASE_READING,
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
        "auth.view_group",
        "routing.view_routingrule",
        "routing.add_routingrule",
        "routing.change_routingrule",
        "routing.delete_routingrule",
        "routing.view_placement",
        "routing.view_auditsample",
        "audit.view_auditevent",
        # The beat schedule (weekly report, sampling, retention) is configuration too.
        "django_celery_beat.view_periodictask",
        "django_celery_beat.change_periodictask",
        "django_celery_beat.view_crontabschedule",
        "django_celery_beat.add_crontabschedule",
        "django_celery_beat.change_crontabschedule",
        # Records retention: schedules (activation records the approver) and legal holds.
        "cases.view_retentionschedule",
        "cases.add_retentionschedule",
        "cases.change_retentionschedule",
        "cases.view_legalhold",
        "cases.add_legalhold",
        "cases.change_legalhold",
        "cases.view_disposition",
    ],
    # System health only: no case data.
    DEVELOPERS: ["routing.view_routingrule"],
    # Aggregate reports only, by e-mail and the report archive: no case data.
    LEADERSHIP: [],
}


# Held by no role, whatever was granted before: changing what a role may do is a superuser's
# (accounts.admin), since an administrator who could would exceed the role at will.
WITHHELD = [
    "auth.add_group",
    "auth.change_group",
    "auth.delete_group",
    "auth.add_permission",
    "auth.change_permission",
    "auth.delete_permission",
]


def ensure_roles(apps):
    """Create the groups, the module permissions and the groups' model permissions, and take
    back the withheld ones.

    Idempotent. Takes an app registry so that the data migration can run it on historical
    models, and post_migrate can run it again after a test database flush.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")

    case_type, _created = ContentType.objects.get_or_create(app_label="cases", model="case")
    for module in COMPONENTS.values():
        Permission.objects.get_or_create(
            content_type=case_type,
            codename=module.module_permission,
            defaults={"name": str(module.module_permission_label)[:255]},
        )
    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            found = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if found is not None:
                wanted.append(found)
        group.permissions.add(*wanted)
    withheld = [
        found
        for app_label, codename in (perm.split(".") for perm in WITHHELD)
        for found in Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    ]
    for group in Group.objects.filter(name__in=ROLE_PERMISSIONS):
        group.permissions.remove(*withheld)


def case_permission_ids(codenames) -> dict[str, int]:
    """The ids of these permissions on Case, by codename: what object-permission rows hold."""
    from django.contrib.auth.models import Permission

    return dict(
        Permission.objects.filter(
            content_type__app_label="cases", content_type__model="case", codename__in=codenames
        ).values_list("codename", "pk")
    )
