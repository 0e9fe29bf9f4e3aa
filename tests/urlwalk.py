"""Every URL pattern the site has, read from the resolver, as addresses with their parts filled in.

Tests that must hold for every address (no 5xx whatever the input, every admin export safe) walk
this list rather than a hand-written one, so that an address added later is covered too.
"""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern

# <converter:name> in a route; a bare <name> is a str.
ROUTE_PART = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class Route:
    """One URL pattern: its parts (literal text, or a (kind, name) placeholder) and its view."""

    parts: tuple
    callback: object
    name: str

    @property
    def kinds(self):
        return {part[0] for part in self.parts if isinstance(part, tuple)}

    @property
    def text(self):
        return "".join(p if isinstance(p, str) else f"<{p[0]}:{p[1]}>" for p in self.parts)

    def fill(self, values):
        """The address with each placeholder replaced by ``values[kind]``."""
        return "/" + "".join(p if isinstance(p, str) else values[p[0]] for p in self.parts)

    @property
    def view_class(self):
        return getattr(self.callback, "view_class", None) or getattr(self.callback, "cls", None)


def _route_parts(route):
    parts, position = [], 0
    for match in ROUTE_PART.finditer(route):
        parts.append(route[position : match.start()])
        parts.append((match["converter"] or "str", match["name"]))
        position = match.end()
    parts.append(route[position:])
    return parts


def _group_kind(inner):
    inner = re.sub(r"^\?P<[^>]+>", "", inner)
    if re.fullmatch(inner, "abc/def/"):
        return "path"
    if re.fullmatch(inner, "abc"):
        return "str"
    return "int"


def _regex_parts(regex):
    """Literal text and placeholders of a regex pattern: each group, and a bare ``.*``."""
    regex = regex.removeprefix("^").removesuffix("$")
    parts, literal, depth, start = [], "", 0, None
    index = 0
    while index < len(regex):
        char = regex[index]
        if char == "\\" and depth == 0:
            literal += regex[index + 1]
            index += 2
            continue
        if char == "(":
            if depth == 0:
                start = index + 1
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                parts += [literal, (_group_kind(regex[start:index]), f"group{len(parts)}")]
                literal = ""
        elif depth == 0 and regex.startswith(".*", index):
            parts += [literal, ("str", f"any{len(parts)}")]
            literal = ""
            index += 2
            continue
        elif depth == 0:
            literal += char
        index += 1
    parts.append(literal)
    return parts


def _walk(resolver, prefix):
    for entry in resolver.url_patterns:
        pattern = entry.pattern
        parts = _regex_parts(pattern._regex) if isinstance(pattern, RegexPattern) else None
        if parts is None:
            parts = _route_parts(str(pattern))
        if isinstance(entry, URLResolver):
            yield from _walk(entry, [*prefix, *parts])
        elif isinstance(entry, URLPattern):
            yield Route(
                tuple(p for p in [*prefix, *parts] if p != ""), entry.callback, entry.name or ""
            )


def every_route():
    """Every URL pattern of the site, outermost first, as ``Route``s."""
    return list(_walk(get_resolver(), []))
