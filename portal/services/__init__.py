"""Writes for the four lists (四张清单), split by concern; the public names are re-exported here.

- ``moderation``: list roles' permissions, the 清单审核 workflow, publishing and submitting;
- ``workflows``: the one moderation-workflow set-up, used by every app;
- ``setup``: ``portal_setup()``, what a real installation needs without demo data;
- ``imports`` (with ``import_files``, ``import_power``, ``import_responsibility``): bulk import;
- ``exports``: CSV/XLSX downloads of the public lists;
- ``cache``: dropping cached list data.
"""

from portal.services.cache import negative_lookup_reset
from portal.services.import_files import (
    MAX_IMPORT_BYTES,
    MAX_IMPORT_ROWS,
    ImportFileError,
    ParsedRow,
    import_file_read,
)
from portal.services.import_power import (
    BASIC_CODE_RE,
    IMPLEMENTATION_CODE_RE,
    POWER_COLUMNS,
    POWER_HEADERS,
    power_import_validate,
    power_row_apply,
)
from portal.services.import_responsibility import (
    RESPONSIBILITY_COLUMNS,
    RESPONSIBILITY_EXAMPLE,
    RESPONSIBILITY_HEADERS,
    responsibility_import_validate,
)
from portal.services.imports import (
    IMPORT_KINDS,
    import_progress,
    import_progress_key,
    list_import_prepare,
    power_import_confirm,
    power_import_prepare,
    power_import_run,
    power_import_template,
)
from portal.services.moderation import (
    LIST_MODELS,
    TASK_NAME,
    WORKFLOW_NAME,
    entry_publish,
    entry_submit,
    list_roles_grant,
    lists_workflow_ensure,
)
from portal.services.workflows import moderation_workflow_ensure

__all__ = [
    "BASIC_CODE_RE",
    "IMPLEMENTATION_CODE_RE",
    "IMPORT_KINDS",
    "LIST_MODELS",
    "MAX_IMPORT_BYTES",
    "MAX_IMPORT_ROWS",
    "POWER_COLUMNS",
    "POWER_HEADERS",
    "RESPONSIBILITY_COLUMNS",
    "RESPONSIBILITY_EXAMPLE",
    "RESPONSIBILITY_HEADERS",
    "TASK_NAME",
    "WORKFLOW_NAME",
    "ImportFileError",
    "ParsedRow",
    "entry_publish",
    "entry_submit",
    "import_file_read",
    "import_progress",
    "import_progress_key",
    "list_import_prepare",
    "list_roles_grant",
    "lists_workflow_ensure",
    "moderation_workflow_ensure",
    "negative_lookup_reset",
    "power_import_confirm",
    "power_import_prepare",
    "power_import_run",
    "power_import_template",
    "power_import_validate",
    "power_row_apply",
    "responsibility_import_validate",
]
