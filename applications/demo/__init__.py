"""Demo cases of the applications app; `load()` is what load_demo_data calls.

- `cases`: the cases and their ratings as data
- `loader`: drives each case to its state through the real transition services (idempotent)
"""

from applications.demo.cases import CASES, HANDLED_NEGATIVE, RATED_POSITIVE
from applications.demo.loader import load

__all__ = ["CASES", "HANDLED_NEGATIVE", "RATED_POSITIVE", "load"]
