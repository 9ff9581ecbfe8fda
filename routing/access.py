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

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from accounts import roles
from accounts.access import memberships
from cases.case_numbers import parse_case_number
from cases.components import module_permission
from cases.models import AnalysisNote, Case, Component, Document, DocumentKind
from routing.models import CaseGroupObjectPermission, CaseUserObjectPermission
from routing.role_permissions import case_permission_ids

VIEW_CASE = "view_case"


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
    return _may_use(user) and user.has_perm(f"cases.{codename}")


def _grant_facts(user, codename: str) -> tuple[int | None, bool]:
    """The permission's id, and whether the user holds it on any case in person.

    Read once per user object (one request), like the groups: a page that checks the same
    case several times (documents, notes, module) pays for these two small queries once.
    """
    known = user.__dict__.setdefault("_routing_grant_facts", {})
    if codename not in known:
        permission_id = case_permission_ids([codename]).get(codename)
        known[codename] = (
            permission_id,
            CaseUserObjectPermission.objects.filter(
                user=user, permission_id=permission_id
            ).exists(),
        )
    return known[codename]


def _cases_granted(user, codename: str) -> QuerySet[Case]:
    """Cases on which the user, or one of their groups, holds this object permission.

    The permission and group ids are read first (two small queries) so that the planner sees
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
    return Case.objects.filter(granted)


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


def case_for_user(user, case_ref, *, purpose: str = Purpose.VIEW) -> Case:
    """The case, by id, number or instance, if the user may use it for this purpose; else 404."""
    if purpose in Purpose.READING:
        allowed = cases_visible_to(user)
    elif purpose in Purpose.EDITING:
        # Editing a module also needs sight of the case.
        allowed = cases_visible_to(user) & _cases_with(user, purpose)
    else:
        raise ValueError(f"unknown purpose {purpose!r}")
    case = allowed.filter(_lookup(case_ref)).first()
    if case is None:
        raise Http404("No case matches the given query.")
    return case


def may_edit_module(user, case: Case, component: str) -> bool:
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
    case = case_for_user(user, case)
    return AnalysisNote.objects.filter(case=case).filter(_partition(user))


def documents_visible_to(user, case: Case) -> QuerySet[Document]:
    """The requester's documents, and the component uploads the user's partition allows."""
    case = case_for_user(user, case)
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
