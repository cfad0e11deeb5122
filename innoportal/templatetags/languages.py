"""`{{ code|bcp47 }}`: a language code as the tag for `lang` (en-HK, zh-Hant-HK, zh-Hans); `{{ code|hreflang }}`
for alternate links (en, zh-Hant, zh-Hans)."""

from django import template

from innoportal import languages

register = template.Library()


@register.filter
def bcp47(code):
    return languages.bcp47(code)


@register.filter
def hreflang(code):
    return languages.hreflang(code)
