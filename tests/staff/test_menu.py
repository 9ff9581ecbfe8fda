"""The staff site's menu (side bar and home page list) shows each user what their roles open;
it is built once per kind of user, so a change of role must show at the next page."""

import pytest
from django.contrib.auth.models import Group

from accounts import roles

pytestmark = pytest.mark.django_db

QUEUE = "/staff/queues/teamunassignedcase/"


def _menu(client, path=QUEUE):
    response = client.get(path)
    assert response.status_code == 200
    apps = response.context["available_apps"]
    return {model["object_name"] for app in apps for model in app["models"]}


def test_it_shows_each_role_its_own_queues_and_no_administration(staff, signed_in):
    cbp = _menu(signed_in(staff.cbp))
    crcl = _menu(signed_in(staff.crcl), "/staff/")
    cbp_again = _menu(signed_in(staff.cbp))

    assert "TeamUnassignedCase" in cbp and "Group" not in cbp
    assert "AuditSample" in crcl and "AuditSample" not in cbp
    assert cbp_again == cbp


def test_a_role_given_or_taken_away_changes_the_menu_at_the_next_page(staff, signed_in):
    client = signed_in(staff.cbp)
    assert "Group" not in _menu(client)

    staff.cbp.groups.add(Group.objects.get(name=roles.ADMIN))
    assert "Group" in _menu(client)

    staff.cbp.groups.remove(Group.objects.get(name=roles.ADMIN))
    assert "Group" not in _menu(client)



def _sidebar(client, path):
    page = client.get(path).content.decode()
    sidebar = page[page.index('id="nav-sidebar"') :]
    return sidebar[: sidebar.index("</nav>")]


def test_the_sidebar_marks_the_page_it_is_on_each_time(staff, signed_in):
    client = signed_in(staff.cbp)

    team = _sidebar(client, QUEUE)
    mine = _sidebar(client, "/staff/queues/mycase/")
    team_again = _sidebar(client, QUEUE)

    assert f'href="{QUEUE}" aria-current="page"' in team
    assert 'href="/staff/queues/mycase/" aria-current="page"' not in team
    assert 'href="/staff/queues/mycase/" aria-current="page"' in mine
    assert f'href="{QUEUE}" aria-current="page"' not in mine
    assert team_again == team


def test_the_sidebar_shows_a_role_given_or_taken_away_at_the_next_page(staff, signed_in):
    client = signed_in(staff.cbp)
    assert 'href="/staff/auth/group/"' not in _sidebar(client, QUEUE)

    staff.cbp.groups.add(Group.objects.get(name=roles.ADMIN))
    assert 'href="/staff/auth/group/"' in _sidebar(client, QUEUE)

    staff.cbp.groups.remove(Group.objects.get(name=roles.ADMIN))
    assert 'href="/staff/auth/group/"' not in _sidebar(client, QUEUE)
