"""Demo content of the business channel; `load()` is what load_demo_data calls.

- `policies`: the policy pages as data, with `condition(...)` for their eligibility rules
- `organisations`: the demo business's certified profile and further organisations
- `questions`: policy Q&A, answered and open
- `loader`: builds the channel, pages, profiles and questions, and runs one 免申即享 scan
"""

from policies.demo.loader import load
from policies.demo.policies import POLICIES
from policies.demo.questions import FAQS, PENDING_QUESTIONS

__all__ = [
    "FAQS",
    "PENDING_QUESTIONS",
    "POLICIES",
    "load",
]
