"""What the workshops index shows: the filter form, upcoming and past workshops, page by page."""

from django.core.paginator import Paginator
from django.utils import timezone

from portal import pagecontext, restrictions

from .forms import WorkshopFilterForm
from .models import WorkshopPage


@pagecontext.builds("workshops.WorkshopIndexPage")
def workshops_index_context(request, index):
    context = {}
    workshops = index.workshops()
    form = WorkshopFilterForm(
        request.GET, workshops=restrictions.public(WorkshopPage.objects.live())
    )
    workshops = form.filter(workshops)
    now = timezone.now()
    upcoming = workshops.filter(starts_at__gte=now).order_by("starts_at", "pk")
    past = workshops.filter(starts_at__lt=now).order_by("-starts_at", "-pk")
    when = form.cleaned_data.get("when") if form.is_valid() else ""
    page_number = request.GET.get("page")
    if when == "upcoming":
        context["listing"] = Paginator(upcoming, index.PER_PAGE).get_page(page_number)
    else:
        context["listing"] = Paginator(past, index.PER_PAGE).get_page(page_number)
        if when != "past" and context["listing"].number == 1:
            context["upcoming"] = list(upcoming[: index.UPCOMING_ON_FIRST_PAGE + 1])
    context["when"] = when
    context["filter_form"] = form
    context["query_without_page"] = _query_without(request.GET, "page")
    return context


def _query_without(params, name):
    params = params.copy()
    params.pop(name, None)
    return params.urlencode()
