"""Upload, check, preview and commit an import; every page needs a signed-in user, and a job
is shown only to those its importer allows (anyone else gets 404). Pages that show a job's rows
or errors are never kept by a browser or a proxy (``Cache-Control: no-store, private``), and a
job found stuck (its server stopped) is marked failed when its page is looked at."""

import csv
from functools import partial
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal.privacy import mask_identity_numbers
from portal.templatetags.hlp import num

from . import registry
from .forms import UploadForm
from .jobs import fail_stuck_jobs
from .models import ImportJob
from .tasks import commit_job, validate_job

JOBS_PER_PAGE = 25
ERRORS_PER_PAGE = 100
Status = ImportJob.Status


def _importer_or_404(kind):
    try:
        return registry.get(kind)
    except LookupError:
        raise Http404 from None


def _visible_job(request, pk):
    jobs = ImportJob.objects.visible_to(request.user)
    job = get_object_or_404(jobs.select_related("uploaded_by", "scope"), pk=pk)
    if job.in_progress and fail_stuck_jobs(jobs.filter(pk=job.pk)):
        job.refresh_from_db()
    return job


def _bangla():
    return not (get_language() or "bn").startswith("en")


@never_cache
@login_required
def index(request):
    """The user's imports (all of them for curators) and the importers they may use."""
    jobs = ImportJob.objects.visible_to(request.user)
    fail_stuck_jobs(jobs)
    jobs = jobs.select_related("uploaded_by")
    page = Paginator(jobs, JOBS_PER_PAGE).get_page(request.GET.get("page"))
    labels = {importer.kind: importer.label for importer in registry.all()}
    for job in page:
        job.kind_label = labels.get(job.kind, job.kind)
    return render(
        request,
        "imports/index.html",
        {"page": page, "importers": registry.usable_by(request.user)},
    )


@login_required
def new(request, kind):
    importer = _importer_or_404(kind)
    if not importer.can_use(request.user):
        raise PermissionDenied
    form = UploadForm(importer, request.user, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        return redirect(start(request, importer, form))
    return render(request, "imports/new.html", {"importer": importer, "form": form})


def start(request, importer, form):
    """Store the file of a valid upload *form* as a new job of *importer* and queue its check
    once the job is saved; returns the job. For apps that offer an importer's upload on pages
    of their own."""
    upload = form.cleaned_data["file"]
    with transaction.atomic():
        job = ImportJob(
            kind=importer.kind,
            original_name=mask_identity_numbers(Path(upload.name).name)[:255],
            file_size=upload.size,
            uploaded_by=request.user,
            scope=form.cleaned_data.get("scope"),
            options=form.options(),
        )
        job.file.save(upload.name, upload, save=False)
        job.save()
        transaction.on_commit(partial(validate_job.delay, job.pk))
    return job


@login_required
def template_csv(request, kind):
    """An empty file with the importer's column names in the page's language."""
    importer = _importer_or_404(kind)
    if not importer.can_use(request.user):
        raise PermissionDenied
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{importer.kind}.csv"'
    response.write("\ufeff")
    csv.writer(response).writerow([str(column.label) for column in importer.columns])
    return response


@never_cache
@login_required
def job_detail(request, pk):
    job = _visible_job(request, pk)
    importer = job.importer
    report = job.report or {}
    errors = Paginator(report.get("errors", []), ERRORS_PER_PAGE).get_page(request.GET.get("page"))
    if report.get("preview") or report.get("errors"):
        importer.job_viewed(request, job, "preview")
    return render(
        request,
        "imports/job.html",
        {
            "job": job,
            "importer": importer,
            "report": report,
            "errors": errors,
            "more_errors": job.error_count - len(report.get("errors", [])),
            "can_commit": job.committable and importer.can_use(request.user),
            "can_upload": importer.can_use(request.user),
            "progress_text": _progress_text(job),
        },
    )


def _progress_text(job):
    if job.status == Status.UPLOADED:
        return _("Waiting for its turn…")
    if job.status == Status.VALIDATING:
        return _("%(done)s rows checked so far.") % {"done": num(job.rows_done)}
    if job.status == Status.COMMITTING:
        return _("%(done)s of %(total)s rows written.") % {
            "done": num(job.rows_done),
            "total": num(job.rows_total),
        }
    return job.get_status_display()


@never_cache
@login_required
def progress(request, pk):
    job = _visible_job(request, pk)
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "rows_total": job.rows_total,
            "rows_done": job.rows_done,
            "percent": job.percent,
            "finished": not job.in_progress,
            "text": _progress_text(job),
        }
    )


@require_POST
@login_required
def commit(request, pk):
    job = _visible_job(request, pk)
    if not job.importer.can_use(request.user):
        raise PermissionDenied
    queued = (
        ImportJob.objects.filter(
            pk=job.pk,
            status__in=[Status.VALID, Status.FAILED],
            validated_at__isnull=False,
            error_count=0,
        )
        .exclude(file="")
        .update(status=Status.COMMITTING, rows_done=0, updated_at=timezone.now())
    )
    if queued:
        transaction.on_commit(partial(commit_job.delay, job.pk))
    return redirect(job)


class _Echo:
    def write(self, value):
        return value


@never_cache
@login_required
def errors_csv(request, pk):
    """Every error of the check as CSV (row, column, reason) in the page's language."""
    job = _visible_job(request, pk)
    job.importer.job_viewed(request, job, "errors")
    bangla = _bangla()
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow([_("Row"), _("Column"), _("Reason")])
        if job.error_file:
            with job.error_file.open("rb") as stored:
                text = (line.decode("utf-8") for line in stored)
                for number, column_bn, column_en, reason_bn, reason_en in csv.reader(text):
                    if bangla:
                        yield writer.writerow([number, column_bn, reason_bn])
                    else:
                        yield writer.writerow([number, column_en, reason_en])
            return
        language = "bn" if bangla else "en"
        for error in (job.report or {}).get("errors", []):
            column = error["column"]
            if isinstance(column, dict):
                column = column[language]
            yield writer.writerow([error["row"], column, error["message"][language]])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-errors.csv"'
    return response
