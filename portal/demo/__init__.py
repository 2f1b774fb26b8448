"""Demo content of the four lists; `load()` is what load_demo_data calls.

- `laws`: short names for the laws the entries cite
- `powers`: the 权力清单 by department and power type
- `responsibilities`: responsibility stages, accountability bases, offices and fee bases
- `negative_list`: the 市场准入负面清单
- `public_services`: the 公共服务清单
- `loader`: turns them into published list entries (idempotent)
"""

from portal.demo.loader import load

__all__ = ["load"]
