from django import template
from django.urls import reverse, translate_url
from django.utils import translation

from intake.forms import NATIVE_LANGUAGE_NAMES

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The same page in each language, so switching keeps the person's place in the form."""
    request = context["request"]
    current = translation.get_language()
    return [
        {
            "code": code,
            "name": name,
            "url": translate_url(request.get_full_path(), code),
            "current": code == current,
        }
        for code, name in NATIVE_LANGUAGE_NAMES
    ]


@register.simple_tag(takes_context=True)
def status_page_address(context):
    """The status page's full address in the current language, to write down or share."""
    return context["request"].build_absolute_uri(reverse("intake:status"))
