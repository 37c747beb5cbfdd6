"""Admin screens for what happens after a meeting: following up a decision, and turning a
commitment to replicate into a replication."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from portal import roles

from .commitments import can_replicate, make_replication
from .follow_up import nominate, record_follow_up
from .models import Decision, DecisionStatus, FollowUp, ReplicationCommitment


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["date", "note", "status"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}


def decision_follow_up(request, pk):
    if not request.user.has_perm("workshops.add_followup"):
        raise PermissionDenied
    decision = get_object_or_404(
        Decision.objects.select_related("workshop", "practice", "nomination"), pk=pk
    )
    form = FollowUpForm(request.POST or None, initial={"status": ""})
    if request.method == "POST" and form.is_valid():
        _follow_up, outcome = record_follow_up(
            decision,
            author=request.user,
            note=form.cleaned_data["note"],
            status=form.cleaned_data["status"],
            date=form.cleaned_data["date"],
        )
        messages.success(request, _("Follow-up recorded."))
        for text in outcome.done:
            messages.success(request, text)
        for text in outcome.refused:
            messages.warning(request, text)
        return redirect("workshops_decision_follow_up", pk=decision.pk)
    return TemplateResponse(
        request,
        "workshops/admin/decision_follow_up.html",
        {
            "decision": decision,
            "form": form,
            "follow_ups": decision.follow_ups.select_related("author"),
            "nomination_pending": decision.nominates_for_circular
            and decision.nomination_id is None
            and decision.practice_id is not None
            and decision.status != DecisionStatus.DROPPED,
        },
    )


@require_POST
def decision_nominate(request, pk):
    if not roles.is_curator(request.user):
        raise PermissionDenied
    decision = get_object_or_404(Decision.objects.select_related("workshop", "practice"), pk=pk)
    if decision.nomination_id is None and decision.practice_id and decision.nominates_for_circular:
        try:
            nominate(decision, request.user)
        except (ValidationError, PermissionDenied) as exc:
            text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            messages.error(request, text)
        else:
            messages.success(
                request,
                _("“%(practice)s” is recorded as nominated at this workshop.")
                % {"practice": decision.practice.title},
            )
    return redirect("workshops_decision_follow_up", pk=decision.pk)


def commitment_replicate(request, pk):
    commitment = get_object_or_404(
        ReplicationCommitment.objects.select_related("visit", "lgi", "practice", "replication"),
        pk=pk,
    )
    if not can_replicate(request.user, commitment):
        raise PermissionDenied
    if request.method == "POST":
        try:
            result = make_replication(commitment, request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            (messages.success if result.created else messages.warning)(request, result.message)
        return redirect(commitment.visit.get_absolute_url())
    return TemplateResponse(
        request, "workshops/admin/commitment_replicate.html", {"commitment": commitment}
    )
