"""Need-to-know, decided in one place.

Every staff view, download, history view, queue and search asks this module which cases, notes
and documents a user may see or edit. A user who may not see a case gets Http404, exactly as if
the case did not exist, so the answer leaks nothing about which case numbers are real.

Who sees what:
- holders of the model permission ``cases.view_case`` (groups program and admin) see every case;
- everyone else sees a case only through an object permission on it, which
  ``routing.services`` grants to a component's group when the case is routed, referred or
  sampled for audit (see docs/routing.md);
- a module is edited only with its ``edit_<component>_module`` permission, held for every case
  by program personnel (their own module) or granted per case to the component holding it;
- notes and uploads of a component are seen by that component, by program personnel,
  administrators and CRCL (who only see sampled cases), and by the other component only when
  the author shared them.
"""

from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, Value
from django.http import Http404

from accounts import roles
from accounts.access import cached, load_staff_facts, memberships, read_through, shared_cache
from cases.case_numbers import parse_case_number
from cases.components import COMPONENTS, module_permission
from cases.models import AnalysisNote, Case, Component, Document, DocumentKind
from routing.models import CaseGroupObjectPermission, CaseUserObjectPermission
from routing.role_permissions import case_permission_ids

VIEW_CASE = "view_case"
ALL_CASE_PERMISSIONS = [VIEW_CASE, *(module_permission(c) for c in COMPONENTS)]


class Purpose:
    """Why a case is being fetched; each maps to the permission it needs."""

    VIEW = "view"
    HISTORY = "history"
    EDIT_PROGRAM_MODULE = "edit_program_module"
    EDIT_CBP_MODULE = "edit_cbp_module"
    EDIT_USCIS_MODULE = "edit_uscis_module"
    EDIT_CRCL_MODULE = "edit_crcl_module"

    READING = (VIEW, HISTORY)
    EDITING = (EDIT_PROGRAM_MODULE, EDIT_CBP_MODULE, EDIT_USCIS_MODULE, EDIT_CRCL_MODULE)


def module_purpose(component: str) -> str:
    return module_permission(component)


def _may_use(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def roles_of(user) -> frozenset:
    return frozenset(memberships(user).values())


def group_ids_of(user) -> frozenset:
    return frozenset(memberships(user))


def _holds_for_every_case(user, codename: str) -> bool:
    if not _may_use(user):
        return False
    load_staff_facts(user)  # the model permissions, from the cache when it holds them
    return user.has_perm(f"cases.{codename}")


PERSONAL_GRANTS_KEY = "routing-personal-grants:v2:{user_id}"
PERMISSION_IDS_KEY = "routing-case-permission-ids:{database}"
# Read again at least this often even if nothing said they changed.
FACTS_SECONDS = 15 * 60


def case_permission_id(codename: str) -> int | None:
    """The id of a permission on Case: fixed once migrations ran, so kept in the cache."""
    key = PERMISSION_IDS_KEY.format(database=connection.settings_dict["NAME"])
    known = cached(lambda: cache.get(key)) if shared_cache() else None
    if known is None or codename not in known:
        known = case_permission_ids(ALL_CASE_PERMISSIONS)
        if shared_cache():
            cached(lambda: cache.set(key, known, FACTS_SECONDS))
    return known.get(codename)


def _personal_grants(user) -> frozenset:
    """The permissions the user holds on some case in person (not through a group).

    Kept in the shared cache; ``routing.receivers`` forgets it when such a grant is made or
    removed for the user.
    """
    found = read_through(
        PERSONAL_GRANTS_KEY.format(user_id=user.pk),
        FACTS_SECONDS,
        lambda: sorted(
            CaseUserObjectPermission.objects.filter(user=user)
            .values_list("permission_id", flat=True)
            .distinct()
        ),
    )
    return frozenset(found)


def forget_personal_grants(user_id) -> None:
    cache.delete(PERSONAL_GRANTS_KEY.format(user_id=user_id))


def _grant_facts(user, codename: str) -> tuple[int | None, bool]:
    """The permission's id, and whether the user holds it on any case in person.

    Read once per user object (one request), from the shared cache when it holds them: a page
    that checks the same case several times (documents, notes, module) pays for them once.
    """
    known = user.__dict__.setdefault("_routing_grant_facts", {})
    if codename not in known:
        permission_id = case_permission_id(codename)
        known[codename] = (permission_id, permission_id in _personal_grants(user))
    return known[codename]


def _granted(user, codename: str):
    """The condition that the user, or one of their groups, holds this permission on a case.

    The permission and group ids are known first (cached facts) so that the planner sees
    plain values and probes the (case, permission) index per case: a page of a queue or one
    case costs a few index lookups however many cases and grants exist.
    """
    permission_id, granted_to_user = _grant_facts(user, codename)
    group_ids = list(group_ids_of(user))
    through_group = CaseGroupObjectPermission.objects.filter(
        content_object=OuterRef("pk"), permission_id=permission_id, group_id__in=group_ids
    )
    granted = Exists(through_group)
    # Grants go to groups; a grant to one person is rare, and OR-ing a second EXISTS would stop
    # the planner from turning the check into a join, so it is added only when the user has one.
    if granted_to_user:
        granted |= Exists(
            CaseUserObjectPermission.objects.filter(
                content_object=OuterRef("pk"), permission_id=permission_id, user=user
            )
        )
    return granted


def _cases_granted(user, codename: str) -> QuerySet[Case]:
    """Cases on which the user, or one of their groups, holds this object permission."""
    return Case.objects.filter(_granted(user, codename))


def _holds(user, codename: str):
    """As an expression on a case: whether the user holds the permission on it."""
    if not _may_use(user):
        return Value(False)
    if _holds_for_every_case(user, codename):
        return Value(True)
    return ExpressionWrapper(Q(_granted(user, codename)), output_field=BooleanField())


def _cases_with(user, codename: str) -> QuerySet[Case]:
    if not _may_use(user):
        return Case.objects.none()
    if _holds_for_every_case(user, codename):
        return Case.objects.all()
    return _cases_granted(user, codename)


def cases_visible_to(user) -> QuerySet[Case]:
    """Every case the user may list, open, search or download from. Constant query count."""
    return _cases_with(user, VIEW_CASE)


def _lookup(case_ref) -> Q:
    if isinstance(case_ref, Case):
        return Q(pk=case_ref.pk)
    if isinstance(case_ref, int) or (isinstance(case_ref, str) and case_ref.isdigit()):
        return Q(pk=int(case_ref))
    parsed = parse_case_number(str(case_ref))
    if not parsed.check_ok:
        return Q(pk__in=[])
    return Q(case_number=parsed.canonical)


def case_for_user(
    user, case_ref, *, purpose: str = Purpose.VIEW, related=(), editable_module=None
) -> Case:
    """The case, by id, number or instance, if the user may use it for this purpose; else 404.

    ``related``: relations to read with it (``select_related``); ``editable_module``: a
    component whose module the user's right to edit is read in the same query, for
    ``may_edit_module``. The case remembers that this user may read it, so that its documents
    and notes need no second check (``documents_visible_to``, ``notes_visible_to``).
    """
    if purpose in Purpose.READING:
        allowed = cases_visible_to(user)
    elif purpose in Purpose.EDITING:
        # Editing a module also needs sight of the case.
        allowed = cases_visible_to(user) & _cases_with(user, purpose)
    else:
        raise ValueError(f"unknown purpose {purpose!r}")
    found = allowed.filter(_lookup(case_ref))
    if related:
        found = found.select_related(*related)
    if editable_module is not None:
        found = found.annotate(
            _may_edit_module=_holds(user, module_purpose(editable_module))
        )
    case = found.first()
    if case is None:
        raise Http404("No case matches the given query.")
    case._readable_by = user.pk
    if editable_module is not None:
        case._editable_modules = {editable_module: case._may_edit_module}
    return case


def _readable(user, case: Case) -> Case:
    """The case if the user may read it: as checked by case_for_user for this very instance,
    or checked now."""
    if isinstance(case, Case) and getattr(case, "_readable_by", None) == user.pk:
        return case
    return case_for_user(user, case)


def may_edit_module(user, case: Case, component: str) -> bool:
    known = getattr(case, "_editable_modules", {})
    if getattr(case, "_readable_by", None) == user.pk and component in known:
        return known[component]
    try:
        case_for_user(user, case, purpose=module_purpose(component))
    except Http404:
        return False
    return True


def sees_every_module(user) -> bool:
    """Program personnel, administrators and CRCL read every component's notes and uploads."""
    return _holds_for_every_case(user, VIEW_CASE) or roles.CRCL in roles_of(user)


def _partition(user) -> Q:
    if sees_every_module(user):
        # Not Q(): an empty Q vanishes when OR-ed with another condition.
        return Q(pk__isnull=False)
    own = [role for role in roles_of(user) if role in Component.values]
    return Q(component__in=own) | Q(shared_with_other_components=True)


def notes_visible_to(user, case: Case) -> QuerySet[AnalysisNote]:
    case = _readable(user, case)
    return AnalysisNote.objects.filter(case=case).filter(_partition(user))


def documents_visible_to(user, case: Case) -> QuerySet[Document]:
    """The requester's documents, and the component uploads the user's partition allows."""
    case = _readable(user, case)
    from_requester = ~Q(kind=DocumentKind.COMPONENT_UPLOAD)
    return Document.objects.filter(case=case).filter(from_requester | _partition(user))


def document_for_user(user, document_id) -> Document:
    """A document the user may download; 404 for anything else, like a missing document."""
    try:
        document_id = int(document_id)
    except (TypeError, ValueError):
        raise Http404("No document matches the given query.") from None
    document = (
        Document.objects.filter(pk=document_id, case__in=cases_visible_to(user))
        .filter(~Q(kind=DocumentKind.COMPONENT_UPLOAD) | _partition(user))
        .select_related("case")
        .first()
    )
    if document is None:
        raise Http404("No document matches the given query.")
    return document
