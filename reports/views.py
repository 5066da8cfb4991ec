from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import Role
from loopbrug.htmx import render_page_or_partial
from loopbrug.views import add_service_errors

from . import selectors, services
from .access import require_reporter, run_get_for_user, runs_visible_for
from .exports import report_csv, report_pdf, report_xlsx
from .forms import ReportForm

FORMATS = {
    "csv": ("text/csv; charset=utf-8", report_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", report_xlsx),
    "pdf": ("application/pdf", report_pdf),
}


@login_required
@require_http_methods(["GET", "POST"])
def report_index(request):
    require_reporter(request.user)
    national = request.user.role == Role.BEHEERDER
    regions = selectors.regions_for(user=request.user)
    today = date.today()
    form = ReportForm(
        request.POST or None,
        regions=regions,
        national=national,
        initial={"period_start": today.replace(month=1, day=1), "period_end": today},
    )
    if request.method == "POST" and form.is_valid():
        try:
            run = services.report_run_start(
                user=request.user,
                region=form.cleaned_data["region"],
                start=form.cleaned_data["period_start"],
                end=form.cleaned_data["period_end"],
                breakdown=form.cleaned_data["breakdown"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("report_detail", pk=run.pk)
    runs = runs_visible_for(request.user)[:20]
    return render(
        request,
        "reports/index.html",
        {"form": form, "runs": runs},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def report_detail(request, pk: int):
    require_reporter(request.user)
    run = run_get_for_user(user=request.user, pk=pk)
    return render_page_or_partial(
        request, "reports/detail.html", {"run": run}, partial="report-status"
    )


@login_required
@require_GET
def report_download(request, pk: int, fmt: str):
    require_reporter(request.user)
    run = run_get_for_user(user=request.user, pk=pk)
    if fmt not in FORMATS:
        raise Http404(_("Onbekend bestandsformaat."))
    if not run.is_done:
        messages.error(request, _("Deze rapportage is nog niet klaar; download hem straks."))
        return render(request, "reports/detail.html", {"run": run}, status=409)
    content_type, make = FORMATS[fmt]
    response = HttpResponse(make(run.result), content_type=content_type)
    name = (
        run.region.code if run.region else "landelijk"
    ) + f"-{run.period_start}-{run.period_end}"
    response["Content-Disposition"] = f'attachment; filename="rapportage-{name}.{fmt}"'
    return response
