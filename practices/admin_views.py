"""Admin views of the practices app: the curator's view for moving a practice along its
circular (policy) pipeline, and tag suggestions that keep other unions' drafts to themselves."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import FormView

from taggit.models import Tag
from wagtail.admin.views import tags as wagtail_tags
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateInput, AdminPageChooser
from wagtail.models import Page

from portal import roles

from . import pipeline
from .models import CircularStatus, PracticePage
from .policy import suggestable_tags


class CircularStatusForm(forms.Form):
    to_status = forms.ChoiceField(label=gettext_lazy("Next step"))
    date = forms.DateField(label=gettext_lazy("Date"), widget=AdminDateInput())
    cause = forms.ModelChoiceField(
        label=gettext_lazy("Workshop or circular that caused it"),
        queryset=Page.objects.all(),
        required=False,
        widget=AdminPageChooser(),
        help_text=gettext_lazy(
            "“Circular issued” needs the circular page that lists the practice."
        ),
    )
    note = forms.CharField(label=gettext_lazy("Note"), widget=forms.Textarea, required=False)

    def __init__(self, *args, practice, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [
            (status.value, status.label)
            for status in pipeline.allowed_next(practice.circular_status)
        ]
        self.fields["date"].initial = timezone.localdate()


class CircularStatusView(WagtailAdminTemplateMixin, FormView):
    template_name = "practices/admin/circular_status.html"
    form_class = CircularStatusForm
    header_icon = "doc-full"
    page_title = gettext_lazy("Circular status")

    def dispatch(self, request, page_id):
        if not roles.is_curator(request.user):
            raise PermissionDenied
        self.practice = get_object_or_404(PracticePage, pk=page_id)
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.practice.title

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "practice": self.practice}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            practice=self.practice,
            current=CircularStatus(self.practice.circular_status),
            history=self.practice.circular_status_history.select_related("actor", "cause"),
            action_url=self.request.path,
            submit_button_label=_("Record the step"),
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            pipeline.move(
                self.practice,
                data["to_status"],
                actor=self.request.user,
                note=data["note"],
                cause=data["cause"],
                date=data["date"],
            )
        except pipeline.PipelineError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("“%(practice)s” is now at “%(status)s”.")
            % {
                "practice": self.practice.title,
                "status": CircularStatus(self.practice.circular_status).label,
            },
        )
        return redirect(reverse("practices_circular_status", args=[self.practice.pk]))


@never_cache
def tag_autocomplete(request, app_name=None, model_name=None):
    """Wagtail's tag suggestions (`/admin/tag-autocomplete/`), without the tags that only other
    unions' unpublished practices use (see `policy.suggestable_tags`). The security middleware
    answers the admin's tag-autocomplete URLs with this view."""
    if (app_name or model_name) and (app_name, model_name) != (
        Tag._meta.app_label,
        Tag._meta.model_name,
    ):
        # A tag model of its own (practices use taggit's) is Wagtail's to answer.
        return wagtail_tags.autocomplete(request, app_name=app_name, model_name=model_name)
    term = request.GET.get("term", "")
    if not term:
        return JsonResponse([], safe=False)
    tags = suggestable_tags(request.user, Tag.objects.filter(name__istartswith=term))
    names = tags.order_by("name").values_list("name", flat=True)[
        : wagtail_tags.TAGS_AUTOCOMPLETE_LIMIT
    ]
    return JsonResponse(list(names), safe=False)
