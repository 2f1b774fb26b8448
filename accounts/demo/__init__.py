"""Demo departments and accounts; `load()` is what load_demo_data calls (never migrations).

- `departments`, `people`: the demo departments and accounts as data
- `identifiers`: make_id_number / make_uscc, valid identifiers for demo and test people
- `loader`: creates them (idempotent)
"""

from accounts.demo.departments import DEPARTMENTS
from accounts.demo.identifiers import make_id_number, make_uscc
from accounts.demo.loader import department_uscc, load
from accounts.demo.people import BUSINESS, CITIZENS, DEMO_LOGINS, DEMO_PASSWORD, STAFF

__all__ = [
    "BUSINESS",
    "CITIZENS",
    "DEMO_LOGINS",
    "DEMO_PASSWORD",
    "DEPARTMENTS",
    "STAFF",
    "department_uscc",
    "load",
    "make_id_number",
    "make_uscc",
]
