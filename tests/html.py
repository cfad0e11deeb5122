"""Read pages as a visitor would: visible text, links, headings."""

from bs4 import BeautifulSoup


def soup(response, status=200):
    assert response.status_code == status, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def text(node):
    return " ".join(node.get_text(" ").split())


def links(node):
    return {text(a): a["href"] for a in node.select("a[href]")}


def form_data(form):
    """What a browser would send for this form as it stands: {name: [values]} (checked boxes, chosen options)."""
    data = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        name, kind = field["name"], field.get("type", "text")
        if field.has_attr("disabled") or kind in ("submit", "button", "file", "image"):
            continue
        if field.name == "select":
            values = [o.get("value", o.get_text()) for o in field.select("option") if o.has_attr("selected")]
        elif field.name == "textarea":
            values = [field.get_text()]
        elif kind in ("checkbox", "radio"):
            values = [field.get("value", "on")] if field.has_attr("checked") else []
        else:
            values = [field.get("value", "")]
        data.setdefault(name, []).extend(values)
    return data
