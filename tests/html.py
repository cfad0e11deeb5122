"""Read pages as a visitor would: visible text, links, headings."""

from bs4 import BeautifulSoup


def soup(response, status=200):
    assert response.status_code == status, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def text(node):
    return " ".join(node.get_text(" ").split())


def links(node):
    return {text(a): a["href"] for a in node.select("a[href]")}
