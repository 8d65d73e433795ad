"""The home page (your coalitions, and those with a public page) and founding a coalition."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from coalesce.coalitions import selectors, services
from coalesce.coalitions.web.forms.founding import CoalitionForm
from coalesce.core.errors import DomainError
from coalesce.core.forms import apply_domain_error


def home(request):
    """Signed in: the coalitions you belong to. Signed out: coalitions with a public page."""
    mine, public = selectors.coalitions_for(request.user)
    return render(request, "core/home.html", {"mine": mine, "public": public[:50]})


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
