"""An operator's `collectstatic` with the production storage succeeds: the hashed-name storage
post-processes every CSS/JS reference and refuses one to a missing file (a vendored script's
source-map comment once stopped every deployment at this step)."""

from __future__ import annotations

from django.core.management import call_command


def test_collectstatic_with_the_manifest_storage_succeeds(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "static" / "staticfiles.json").exists()
