"""Publishers curate the search synonyms (同义词/俗称) in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import Synonym
from search.services import synonyms_changed


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = _("搜索同义词")
    menu_order = 900
    add_to_admin_menu = True
    list_display = ["term", "expansions", BooleanColumn("enabled", label=_("启用")), "updated_at"]
    list_filter = ["enabled"]
    search_fields = ["term", "expansions"]
    search_backend_name = None  # plain ORM search over a small table


register_snippet(SynonymViewSet)


def _synonym_changed(request, instance) -> None:
    if isinstance(instance, Synonym):
        synonyms_changed()


@hooks.register("after_create_snippet")
def after_create(request, instance):
    _synonym_changed(request, instance)


@hooks.register("after_edit_snippet")
def after_edit(request, instance):
    _synonym_changed(request, instance)


@hooks.register("after_delete_snippet")
def after_delete(request, instances):
    if any(isinstance(i, Synonym) for i in instances):
        synonyms_changed()
