"""Views of supervision, split by page: dashboards and cases, work records, public statistics."""
