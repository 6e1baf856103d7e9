"""A tiny HTML reader for page tests: find elements by attribute and read their text (stdlib only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text_parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split())


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.elements.append(element)
        if tag not in VOID_TAGS:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                return

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.text_parts.append(data)


def elements(html: str | bytes) -> list[Element]:
    collector = _Collector()
    collector.feed(html.decode() if isinstance(html, bytes) else html)
    return collector.elements


def find_all(html: str | bytes, tag: str | None = None, **attrs: str | bool) -> list[Element]:
    """Elements with this tag (any when None) whose attributes match (True: present; a string: equal)."""
    found = []
    for element in elements(html):
        if tag is not None and element.tag != tag:
            continue
        wanted = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
        if all(
            (name in element.attrs) if value is True else element.attrs.get(name) == value
            for name, value in wanted.items()
        ):
            found.append(element)
    return found


def find(html: str | bytes, tag: str | None = None, **attrs: str | bool) -> Element:
    found = find_all(html, tag, **attrs)
    assert found, f"no <{tag or '*'}> with {attrs}"
    return found[0]


def field_errors(html: str | bytes, field_name: str) -> list[str]:
    """The error messages shown under one form field (rendered by web/_form.html)."""
    return [item.text for item in find_all(html, "ul", class_="errorlist", id=f"id_{field_name}_error")]


def form_errors(html: str | bytes) -> str:
    return " ".join(element.text for element in find_all(html, "div", class_="form-errors"))
