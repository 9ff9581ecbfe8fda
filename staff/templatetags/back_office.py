from django import template
from django.template.loader import get_template
from django.urls import reverse
from django.utils.http import quote
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from staff import selectors
from staff.queues import QUEUES

register = template.Library()

# The sidebars rendered so far, per (language, menu, the entries the page is under).
_SIDEBARS: dict = {}
_SIDEBARS_KEPT = 256


def changelist_url(queue) -> str:
    return reverse(f"admin:queues_{queue.model_name.lower()}_changelist")


@register.inclusion_tag("staff/queue_counts.html", takes_context=True)
def queue_counts(context):
    """The home page's table: each counted queue, how many cases wait in it, and its link."""
    user = context["request"].user
    if not selectors.may_use_back_office(user):
        return {"queues": []}
    counts = selectors.queue_counts(user=user)
    return {
        "queues": [
            (queue.counted_as, counts[queue.name], changelist_url(queue))
            for queue in QUEUES
            if queue.counted_as is not None and selectors.may_open_queue(user, queue)
        ]
    }


@register.simple_tag(takes_context=True)
def nav_sidebar(context):
    """The admin's navigation sidebar (admin/nav_sidebar.html), rendered once per menu.

    It was a tenth of a queue page (issue 19), and what it shows is the menu (the staff site
    builds one per kind of user, ``StaffSite.get_app_list``), the language and which entries
    the page's path falls under (the template marks those as current): the key here.
    """
    apps = context.get("available_apps") or []
    path = quote(context["request"].path)  # as the template's "request.path|urlencode"
    menu = tuple(
        (
            app["app_label"],
            app["app_url"],
            str(app["name"]),
            tuple(
                (model["object_name"], model["admin_url"], model.get("add_url"), str(model["name"]))
                for model in app["models"]
            ),
        )
        for app in apps
    )
    under = tuple(
        url
        for _label, app_url, _name, models in menu
        for url in (app_url, *(model[1] for model in models))
        if url and url in path
    )
    key = (get_language(), menu, under)
    html = _SIDEBARS.get(key)
    if html is None:
        if len(_SIDEBARS) >= _SIDEBARS_KEPT:
            _SIDEBARS.clear()
        rendered = get_template("admin/nav_sidebar.html").render(
            {"available_apps": apps, "request": {"path": context["request"].path}}
        )
        html = _SIDEBARS[key] = mark_safe(rendered)  # noqa: S308 (a template's own output)
    return html
