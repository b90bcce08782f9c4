"""Every URL pattern of the site, read from the resolver, with its path parameters filled in.

Nothing here names an app: a new app's URLconf included in ``pnetp/urls.py`` is covered as it arrives.
Parameters are filled, in order of preference, from ``known`` (URL name → keyword arguments, for views
whose parameters the world can name exactly), from the model of the view (class-based views and the admin
expose it), or by probing candidates per parameter name (``candidates``) as the superuser and keeping
those the view does not answer 404. A pattern left unresolved is still requested (its 404 is a valid,
closed answer) and listed by ``unresolved`` so a run shows what the suite could not reach.
"""

import itertools
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

MAX_PROBES = 40  # combinations tried per pattern
MAX_VARIANTS = 6  # filled URLs kept per pattern (formats of one download, say)
# Parameters whose every accepted value is worth a request (one per output format, one per resource).
EXPANDED = {"fmt", "format", "name"}


@dataclass
class Route:
    name: str  # "namespace:name"
    pattern: str  # the pattern as written, for messages
    params: tuple[str, ...]
    callback: object
    urls: list[str] = field(default_factory=list)
    unresolved: bool = False


def _walk(patterns, prefix="", namespace="", params=()):
    for entry in patterns:
        regex = entry.pattern.regex
        # Unnamed groups (Django passes them positionally) are numbered: "#0", "#1".
        groups = tuple(regex.groupindex) or tuple(f"#{n}" for n in range(regex.groups))
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace or namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner, params + groups)
        elif isinstance(entry, URLPattern):
            yield namespace, entry, prefix + str(entry.pattern), params + groups


def all_routes() -> tuple[list[Route], list[str]]:
    """(named routes, one per name and parameter set; the unnamed patterns, which cannot be reversed)."""
    routes, seen, unnamed = [], set(), []
    for namespace, entry, pattern, params in _walk(get_resolver().url_patterns):
        if not entry.name:
            unnamed.append(pattern)
            continue
        name = f"{namespace}:{entry.name}" if namespace else entry.name
        key = (name, frozenset(params))
        if key not in seen:
            seen.add(key)
            routes.append(Route(name, pattern, tuple(dict.fromkeys(params)), entry.callback))
    return routes, unnamed


def view_model(callback):
    """The model a view shows, when the view says so (class-based views, DRF viewsets, the admin)."""
    for holder in (
        getattr(callback, "model_admin", None),
        getattr(callback, "view_class", None),
        getattr(callback, "cls", None),
    ):
        model = getattr(holder, "model", None)
        queryset = getattr(holder, "queryset", None)
        if model is None and queryset is not None:
            model = queryset.model
        if model is not None:
            return model
    return None


def _reverse(name, kwargs):
    try:
        if any(key.startswith("#") for key in kwargs):
            return reverse(name, args=list(kwargs.values()))
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def fill(routes, *, known, candidates, probe):
    """Fill ``route.urls`` for every route. ``probe(url)`` → status code as the superuser."""
    for route in routes:
        if not route.params:
            route.urls = [url] if (url := _reverse(route.name, {})) else []
            route.unresolved = not route.urls
            continue
        if route.name in known:
            route.urls = [url for kwargs in known[route.name] if (url := _reverse(route.name, kwargs))]
            if route.urls:
                continue
        options = []
        model = view_model(route.callback)
        for param in route.params:
            values = list(candidates.get(param, ()))
            if param.startswith("#"):
                values = list(candidates.get("pk", ()))
            if model is not None and param in ("pk", "object_id", "id", "#0"):
                values = [obj.pk for obj in model._default_manager.order_by("pk")[:3]] or values
            options.append(values or ["1"])
        found, fallback = [], None
        for combination in itertools.islice(itertools.product(*options), MAX_PROBES):
            url = _reverse(route.name, dict(zip(route.params, combination)))
            if url is None:
                continue
            fallback = fallback or url
            if probe(url) != 404:
                found.append(url)
                if len(found) >= MAX_VARIANTS or not EXPANDED & set(route.params):
                    break
        route.urls = found or ([fallback] if fallback else [])
        route.unresolved = not found
    return routes
