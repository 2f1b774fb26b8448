"""Demo content of the service catalogue; `load()` is what load_demo_data calls.

- `themes`: the 服务主题 and 一件事
- `desks`: the service desk of each department
- `builders`: build_service(...), material(...), field(...) and the shared materials/fields
- `services/<department>.py`: the service guides, one module per department
- `loader`: turns the specs into published ServiceItems (idempotent)
"""

from services_catalog.demo.loader import load, service_values

__all__ = ["load", "service_values"]
