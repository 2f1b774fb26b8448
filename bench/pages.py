"""Pages measured by `make bench` against the bare-Django baseline (/healthz).

Each entry: (name, path, what it is). Paths are requested anonymously. Add your pages here.
"""

PAGES: list[tuple[str, str, str]] = [
    ("home", "/", "Wagtail home page (anonymous)"),
]
