"""Demo content of data_exchange; `load()` is what load_demo_data calls.

- `access_rules`: the services' access rules (fields per evidence type) as data
- `loader`: department keys, access rules and wallet licences fetched from the simulator
"""

from data_exchange.demo.access_rules import ACCESS_RULES, NOTES
from data_exchange.demo.loader import keys_load, licences_load, load, rules_load

__all__ = ["ACCESS_RULES", "NOTES", "keys_load", "licences_load", "load", "rules_load"]
