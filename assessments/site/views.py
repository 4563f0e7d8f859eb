"""Pages outside any organisation: the home page, the language switch, the favicon and the error pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views import i18n
from django.views.decorators.http import require_GET, require_POST

from assessments import languages


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The header's switcher (a form, so it works without JavaScript): Django's view sets the cookie and goes
    back to the page; a signed-in person's choice is also kept on their profile, for pages and mail."""
    response = i18n.set_language(request)
    language = languages.supported(request.POST.get("language"))
    if language is not None:
        languages.choose(request, language)
    return response


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    # Browsers ask for /favicon.ico on pages without a <link rel=icon> (the admin); point them at ours.
    return redirect(static("favicon.svg"), permanent=True)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without a RequestContext on purpose: the failure may come from a context processor.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)
