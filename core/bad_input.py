"""Addresses no view could answer are turned away before any view or query sees them.

Three kinds of input used to reach the database and fail there with a 500:

- Whole numbers in the address beyond what a database id can hold
  (``/cite/99999999999999999999/bibtex/``): SQLite cannot even bind them. Every ``<int:...>`` of
  every URL pattern, the site's and Wagtail's, present and future, is checked here, and one out of
  range is a 404, as for an id that does not exist.
- Ids written as text (``<str:pk>`` in Wagtail's choosers) that the view's model could not hold:
  ``/admin/images/chooser/chosen/abc/`` asked the database for the image with id "abc".
- NUL characters, in the path or a query parameter: PostgreSQL refuses them in text, and no
  address or search of this site contains one. They are a 400 with a plain message.
"""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.template.loader import render_to_string

# The largest id a database column of the site can hold (a signed 64-bit integer).
LARGEST_ID = 2**63 - 1

NUL_MESSAGE = "The address contains a NUL character, which this site does not accept."
# Said of each parameter that holds one, as the search API names its other bad parameters.
NUL_PARAMETER_MESSAGE = "Null characters are not allowed."


def out_of_range(value):
    return isinstance(value, int) and not isinstance(value, bool) and not 0 <= value <= LARGEST_ID


def view_model(view_func):
    """The model a class-based view works on, when it says (Wagtail's generic views do)."""
    model = getattr(view_func, "view_initkwargs", {}).get("model")
    model = model or getattr(getattr(view_func, "view_class", None), "model", None)
    if isinstance(model, str):
        try:
            model = apps.get_model(model)
        except (LookupError, ValueError):
            return None
    return model if hasattr(model, "_meta") else None


def unusable_pk(model, value):
    """Whether ``value``, given as the ``pk`` of ``model``, cannot be one of its ids."""
    try:
        return out_of_range(model._meta.pk.to_python(value))
    except ValidationError:
        return True


def bad_request(request, message, parameters=()):
    """A 400 answer: JSON for the APIs (naming the bad ``parameters`` as the search API names
    its others), the 400 page for everything else."""
    if request.path.startswith("/api/"):
        body = {"message": message}
        if parameters:
            body["errors"] = {name: [NUL_PARAMETER_MESSAGE] for name in parameters}
        return JsonResponse(body, status=400)
    try:
        return HttpResponse(render_to_string("400.html", request=request), status=400)
    except Exception:
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


def parameters_with_nul(request):
    """The query parameters holding a NUL character, by name."""
    return [
        key.replace("\x00", "")
        for key, values in request.GET.lists()
        if "\x00" in key or any("\x00" in value for value in values)
    ]


class BadInputMiddleware:
    """404 for ids in the address that no database row could have; 400 for NUL characters."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        parameters = parameters_with_nul(request)
        if parameters or "\x00" in request.path:
            return bad_request(request, NUL_MESSAGE, parameters)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if any(out_of_range(value) for value in [*view_args, *view_kwargs.values()]):
            raise Http404("There is nothing at this address.")
        model = view_model(view_func)
        if model is not None and "pk" in view_kwargs and unusable_pk(model, view_kwargs["pk"]):
            raise Http404("There is nothing at this address.")
        return None
