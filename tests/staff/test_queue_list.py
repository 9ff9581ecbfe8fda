"""The one list of queues: every entry is a page the back-office roles it is meant for can
open, and the home page counts the queues of work, in the list's order, each linking to its
page."""

import re

import pytest

from staff.queues import QUEUES

pytestmark = pytest.mark.django_db

# Written out by hand, not read from the list: what the staff site promises its users.
PAGES = {
    "mine": "/staff/queues/mycase/",
    "team_unassigned": "/staff/queues/teamunassignedcase/",
    "awaiting_information": "/staff/queues/awaitinginformationcase/",
    "decided": "/staff/queues/decidedcase/",
    "overdue": "/staff/queues/overduecase/",
    "all": "/staff/queues/casefile/",
    "audit": "/staff/queues/auditqueuecase/",
    "letters": "/staff/queues/lettertoprintcase/",
}
# Written out too: the queues only some roles open (letters to print: program personnel).
ONLY_FOR = {"letters": {"program"}}
HOME_PAGE_ORDER = [
    "/staff/queues/mycase/",
    "/staff/queues/teamunassignedcase/",
    "/staff/queues/awaitinginformationcase/",
    "/staff/queues/decidedcase/",
    "/staff/queues/overduecase/",
    "/staff/queues/auditqueuecase/",
]


def test_every_queue_of_the_list_has_its_page(staff, signed_in):
    assert {queue.name for queue in QUEUES} == set(PAGES)
    for role in ("program", "cbp", "uscis", "crcl", "admin"):
        client = signed_in(getattr(staff, role))
        for name, url in PAGES.items():
            expected = 200 if role in ONLY_FOR.get(name, {role}) else 403
            assert client.get(url).status_code == expected, (role, name)


def test_roles_outside_the_back_office_open_no_queue(staff, signed_in):
    for role in ("developers", "leadership"):
        client = signed_in(getattr(staff, role))
        for url in PAGES.values():
            assert client.get(url).status_code == 403, (role, url)


def test_the_home_page_counts_the_queues_of_work_in_order(staff, signed_in):
    page = signed_in(staff.cbp).get("/staff/").content.decode()
    counts = page[page.index('id="queue-counts"') :]
    counts = counts[: counts.index("</table>")]

    assert re.findall(r'href="([^"]+)"', counts) == HOME_PAGE_ORDER


def test_program_personnel_also_count_the_letters_to_print(staff, signed_in):
    page = signed_in(staff.program).get("/staff/").content.decode()
    counts = page[page.index('id="queue-counts"') :]
    counts = counts[: counts.index("</table>")]

    assert re.findall(r'href="([^"]+)"', counts) == [
        *HOME_PAGE_ORDER,
        "/staff/queues/lettertoprintcase/",
    ]
