"""A queue page, read for one request: its filters, search and sorting, a bounded page of rows,
and the links between them.

Django's change list did this generically, and cost a queue page twice what the same 50 rows
cost bare Django (issue 19): filter specs, sorting headers and links rebuilt through the admin's
machinery, every cell rendered by a template tag. Here the page is built from this module's
own short lists (``COLUMNS``, ``staff.filters.QUEUE_FILTERS``) in one pass, and rendered by
``staff/templates/staff/queue.html``. The query string keeps the admin's names (``o``, ``p``,
``q``, ``status__exact``...), so every link made to a queue before still opens the same page.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import QueryDict
from django.utils.functional import Promise, cached_property
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import roles
from audit.admin_lookups import UnofferedLookup
from routing import access
from staff import selectors
from staff.filters import QUEUE_FILTERS
from staff.queue_rows import LISTED, queue_table_body
from staff.queues import Queue

SEARCH, ORDER, PAGE = "q", "o", "p"
OFFERED = frozenset({SEARCH, ORDER, PAGE, *(f.parameter for f in QUEUE_FILTERS)})


class BoundedPaginator(Paginator):
    """Counts a queue only up to CAP + 1 cases (the count reads at most that many index rows):
    an exact COUNT(*) of a queue of 100,000 cases on every page costs more than the page.
    The page then reads "more than 1,000 cases"; staff narrow a long queue by its filters or
    search, and work it from the top (oldest first)."""

    CAP = 1000
    capped = False

    @cached_property
    def count(self):
        # Without the page's order or columns: sorting a queue's every case only to count the
        # first thousand cost the overdue queue 46 ms of the database's time per page.
        found = self.object_list.order_by().values("pk")[: self.CAP + 1].count()
        self.capped = found > self.CAP
        return found

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        # Counted only up to the bound, the queue may hold more: no page is cut short at it.
        top = bottom + self.per_page
        if not self.capped:
            top = min(top, self.count)
        return self._get_page(self.object_list[bottom:top], number, self)


@dataclass(frozen=True)
class Column:
    name: str  # the cell's class is field-<name>
    title: Promise
    ordering: str | None = None  # what sorting by the column orders by; None: not sortable


CASE_NUMBER = Column("case_link", gettext_lazy("case number"), "case_number")
NAME = Column("enrollee_name", gettext_lazy("name"))  # only when searching by name
COLUMNS = (
    CASE_NUMBER,
    Column("new_answer", gettext_lazy("new answer")),
    Column("age", gettext_lazy("age (days)"), "working_since"),
    Column("concern_list", gettext_lazy("concerns")),
    Column("status", gettext_lazy("status"), "status"),
    Column("assigned_to", gettext_lazy("assigned to"), "assigned_to__username"),
    Column("masked_a_number", gettext_lazy("A-number")),
    Column("language", gettext_lazy("language"), "language"),
)


@dataclass(frozen=True)
class Choice:
    label: str
    url: str
    selected: bool


@dataclass(frozen=True)
class FilterList:
    title: str
    choices: list[Choice]


@dataclass(frozen=True)
class Header:
    """A column's heading, with the admin's sorting links (its stylesheet and script read
    these classes): make it the first sort, take it out, or turn it around."""

    text: str
    name: str
    sortable: bool = False
    sorted: bool = False
    ascending: bool = False
    sort_priority: int = 0
    url_primary: str = ""
    url_remove: str = ""
    url_toggle: str = ""

    @property
    def classes(self) -> str:
        if not self.sortable:
            return f"column-{self.name}"
        order = (" sorted ascending" if self.ascending else " sorted descending") * self.sorted
        return f"sortable column-{self.name}{order}"


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: the gap between far pages
    url: str = ""
    current: bool = False


@dataclass
class QueuePage:
    queue: Queue
    cases: list
    table_body: SafeString  # the rows, as HTML (staff.queue_rows)
    headers: list[Header]
    filters: list[FilterList]
    count: int
    capped: bool
    cap: int
    page_links: list[PageLink]
    search_text: str
    search_kept: list[tuple[str, str]]  # the other parameters, kept by a new search
    clear_search_url: str
    clear_filters_url: str | None  # None: no filter is chosen
    with_name: bool
    # Whom the page's bulk assignment offers: officers of the user's own teams (the service
    # refuses any other, and says why).
    assignable: list
    # Searching by a mistyped case number: what to tell the officer.
    notes: list[str] = field(default_factory=list)


def _link(params: dict, **changes) -> str:
    merged = {**params, **changes}
    return "?" + urlencode({key: value for key, value in merged.items() if value is not None})


def _sorted_by(text: str, columns: list[Column]) -> dict[int, bool]:
    """The ``o`` parameter read as the admin writes it: column numbers (0 is the checkbox),
    first sort first, "-" for descending. What cannot be read is left out, as the admin does."""
    found = {}
    for part in text.split(".") if text else ():
        number = part.removeprefix("-")
        if not (number.isascii() and number.isdecimal()) or len(number) > 3:
            continue
        index = int(number)
        if 0 < index <= len(columns) and columns[index - 1].ordering and index not in found:
            found[index] = not part.startswith("-")
    return found


def _headers(columns: list[Column], sorted_by: dict[int, bool], params: dict) -> list[Header]:
    def order(pairs) -> str:
        return ".".join(("" if ascending else "-") + str(index) for index, ascending in pairs)

    headers = []
    for index, column in enumerate(columns, start=1):
        if not column.ordering:
            headers.append(Header(text=str(column.title), name=column.name))
            continue
        is_sorted = index in sorted_by
        ascending = sorted_by.get(index, False)
        flipped = not ascending if is_sorted else True
        others = [(i, a) for i, a in sorted_by.items() if i != index]
        toggled = [(i, flipped if i == index else a) for i, a in sorted_by.items()]
        headers.append(
            Header(
                text=str(column.title),
                name=column.name,
                sortable=True,
                sorted=is_sorted,
                ascending=is_sorted and ascending,
                sort_priority=list(sorted_by).index(index) + 1 if is_sorted else 0,
                url_primary=_link(params, **{ORDER: order([(index, flipped), *others])}),
                url_remove=_link(params, **{ORDER: order(others)}),
                url_toggle=_link(params, **{ORDER: order(toggled)}),
            )
        )
    return headers


def _page_links(page, params: dict) -> list[PageLink]:
    paginator = page.paginator
    if paginator.num_pages <= 1:
        return []
    return [
        PageLink(None)
        if number == paginator.ELLIPSIS
        else PageLink(number, _link(params, **{PAGE: number}), number == page.number)
        for number in paginator.get_elided_page_range(page.number, on_each_side=3, on_ends=2)
    ]


def _filtered(cases, query: QueryDict, params: dict, roster) -> tuple:
    """The cases narrowed by the chosen filters, and every filter's list of links."""
    filters = []
    for queue_filter in QUEUE_FILTERS:
        choices = queue_filter.choices(roster)
        chosen = query.get(queue_filter.parameter)
        if chosen is not None:
            cases = cases.filter(queue_filter.condition_for(chosen, choices))
        filters.append(
            FilterList(
                title=str(queue_filter.title),
                choices=[
                    Choice(_("All"), _link(params, **{queue_filter.parameter: None}), not chosen),
                    *(
                        Choice(
                            str(label),
                            _link(params, **{queue_filter.parameter: value}),
                            value == chosen,
                        )
                        for value, label in choices
                    ),
                ],
            )
        )
    return cases, filters


def _searched(cases, user, text: str) -> tuple:
    """The cases matching the search box, and what to tell of a mistyped case number."""
    if not text:
        return cases, []
    found = selectors.search(user=user, text=text, within=cases)
    if found.typed_number_wrong and found.did_you_mean:
        note = _("No case has that exact number; did you mean %(number)s?") % {
            "number": ", ".join(found.did_you_mean)
        }
        return found.cases, [note]
    if found.typed_number_wrong:
        return found.cases, [_("That case number's check character is wrong.")]
    return found.cases, []


def queue_page_for(*, user, queue: Queue, query: QueryDict, per_page: int) -> QueuePage:
    """The page a queue's URL asks for, within what the user may see. A parameter the page
    does not offer, or a filter value it does not list, is refused (UnofferedLookup: a 400)."""
    unoffered = set(query) - OFFERED
    if unoffered:
        raise UnofferedLookup(f"not offered here: {', '.join(sorted(unoffered))}")
    if any(len(query.getlist(key)) > 1 for key in query):
        # No link of the page repeats a parameter; which one to read would be a guess (and
        # the audit of a search records every value given).
        raise UnofferedLookup("a parameter given twice")
    params = {key: query[key] for key in query if key != PAGE}

    cases = selectors.staff_queue(user=user, name=queue.name)
    roster = selectors.officer_roster()
    cases, filters = _filtered(cases, query, params, roster)
    text = query.get(SEARCH, "").strip()
    cases, notes = _searched(cases, user, text)
    with_name = bool(text) and selectors.search_kind(text) == "name"

    columns = [CASE_NUMBER, NAME, *COLUMNS[1:]] if with_name else list(COLUMNS)
    sorted_by = _sorted_by(query.get(ORDER, ""), columns)
    ordering = [("" if up else "-") + columns[i - 1].ordering for i, up in sorted_by.items()]
    ordering = [*ordering, *queue.ordering]
    paginator = BoundedPaginator(cases.order_by(*ordering).values("pk"), per_page)
    page = paginator.get_page(query.get(PAGE))
    # The page's ids first, then their rows: one statement in which the database orders
    # and cuts the queue on its indexes before joining the enrollee, the officer and the
    # new-answer flag to just these 50 (joined first, "my cases" sorted 1,400 rows: 20 ms).
    listed = (
        list(cases.filter(pk__in=page.object_list).order_by(*ordering).only(*LISTED))
        if paginator.count
        else []
    )

    teams = {role for role in access.roles_of(user) if role in roles.OFFICERS}
    filter_params = {key for key in params if key not in (SEARCH, ORDER)}
    return QueuePage(
        queue=queue,
        cases=listed,
        table_body=queue_table_body(listed, with_name=with_name),
        headers=_headers(columns, sorted_by, params),
        filters=filters,
        count=paginator.count,
        capped=paginator.capped,
        cap=paginator.CAP,
        page_links=_page_links(page, params),
        search_text=text,
        search_kept=[(key, value) for key, value in params.items() if key != SEARCH],
        clear_search_url=_link(params, **{SEARCH: None}),
        clear_filters_url=_link(params, **dict.fromkeys(filter_params)) if filter_params else None,
        with_name=with_name,
        assignable=[officer for officer in roster if officer.roles & teams],
        notes=notes,
    )
