from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from coalesce.coalitions import services
from coalesce.coalitions.forms import CoalitionForm
from coalesce.coalitions.models import Coalition, CoalitionStaff, Person
from coalesce.core.errors import DomainError
from coalesce.core.forms import apply_domain_error


@require_GET
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 — any database failure means unhealthy
        return JsonResponse({"status": "database unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def home(request):
    """Signed in: the coalitions you belong to. Signed out: coalitions with a public page."""
    if request.user.is_authenticated:
        ids = set(Person.objects.filter(user=request.user).values_list("coalition_id", flat=True))
        ids |= set(
            CoalitionStaff.objects.filter(user=request.user).values_list("coalition_id", flat=True)
        )
        mine = Coalition.objects.filter(id__in=ids).order_by("name")
    else:
        mine = Coalition.objects.none()
    public = Coalition.objects.filter(has_public_page=True).exclude(id__in=mine.values("id"))
    return render(request, "core/home.html", {"mine": mine, "public": public.order_by("name")[:50]})


@login_required
def create_coalition(request):
    form = CoalitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            coalition = services.found_coalition(user=request.user, **form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            return redirect("coalitions:next_steps", slug=coalition.slug)
    return render(
        request, "core/coalition_form.html", {"form": form}, status=400 if form.errors else 200
    )


def robots(request):
    return HttpResponse("User-agent: *\nDisallow: /\n", content_type="text/plain")
