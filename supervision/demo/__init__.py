"""Demo of supervision; `load()` is what load_demo_data calls.

- `history`: the case-history builder (plans and bulk writes), shared with bench/bench_supervision.py
- `loader`: the cast of staff and residents, the six-month history, rollups and warnings
"""

from supervision.demo.loader import load

__all__ = ["load"]
