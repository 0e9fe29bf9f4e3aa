"""The programme dashboard page and its CSV downloads, for the programme team only."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from dashboard.exports import csv_response
from dashboard.reports import CSV_TABLES, Dashboard
from reviews.permissions import is_programme_team


def _check_access(request):
    # Wagtail's admin wrapper turns this into a redirect with a message for signed-in users.
    if not is_programme_team(request.user):
        raise PermissionDenied("Only the programme team can see the programme dashboard.")


def dashboard(request):
    """Every report on one page, each with its CSV download."""
    _check_access(request)
    return render(request, "dashboard/dashboard.html", {"dashboard": Dashboard()})


def download(request, table):
    """One table as a CSV file."""
    _check_access(request)
    if table not in CSV_TABLES:
        raise Http404("There is no dashboard table with that name.")
    report = Dashboard()
    headers, rows = CSV_TABLES[table][1](report)
    return csv_response(table, headers, rows, now=report.now)
