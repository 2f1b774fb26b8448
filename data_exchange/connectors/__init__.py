"""Department connectors (plugins). Importing this package registers the built-in ones."""

from data_exchange.connectors import departments  # noqa: F401
from data_exchange.connectors.base import (  # noqa: F401
    NOT_CONFIGURED,
    REGISTRY,
    ConnectorError,
    ConnectorNotConfigured,
    DepartmentConnector,
    DepartmentUnavailable,
    EvidenceTypeDef,
    connector_for_department,
    connector_for_evidence_type,
    directory_urls,
    evidence_type_def,
    evidence_type_defs,
    register,
    url_setting_name,
)
