from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation

from intake.addresses import public_address
from intake.forms import NATIVE_LANGUAGE_NAMES

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The same page in each language, so switching keeps the person's place in the form.

    On a form step these are buttons that send the page (what was typed stays); elsewhere,
    links. English on the unprefixed landing page says so (?lang=en), since / otherwise
    follows the browser's language.
    """
    request = context["request"]
    current = translation.get_language()
    landing = getattr(request.resolver_match, "view_name", "") == "intake:landing"
    links = []
    for code, name in NATIVE_LANGUAGE_NAMES:
        url = translate_url(request.path, code)
        if landing and code == settings.LANGUAGE_CODE:
            url = f"{url}?lang={code}"
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links


@register.simple_tag(takes_context=True)
def status_page_address(context):
    """The status page's full address in the current language, to write down or share."""
    return public_address(context["request"], reverse("intake:status"))
