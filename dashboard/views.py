"""The programme dashboard page and its CSV downloads, for the programme team only."""

from django.http import Http404
from django.shortcuts import render

from core.roles import programme_team_only
from dashboard.exports import csv_response
from dashboard.reports import CSV_TABLES, Dashboard


@programme_team_only
def dashboard(request):
    """Every report on one page, each with its CSV download."""
    return render(request, "dashboard/dashboard.html", {"dashboard": Dashboard()})


@programme_team_only
def download(request, table):
    """One table as a CSV file."""
    if table not in CSV_TABLES:
        raise Http404("There is no dashboard table with that name.")
    report = Dashboard()
    headers, rows = CSV_TABLES[table][1](report)
    return csv_response(table, headers, rows, now=report.now)
