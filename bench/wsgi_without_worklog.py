"""Diagnostic WSGI entry for benchmarks: the portal with the work record's database writes
skipped, to measure what recording costs a whole request (issue 14: submission throughput
drops by no more than 5%). Bench-only; never deploy it.

    gunicorn bench.wsgi_without_worklog   (bench_applications.py --without-worklog)

Records are still built and hashed (the Python side of recording stays in the figure); only
the chain lock, the tip read and the INSERT are skipped.
"""

from config.wsgi import application  # noqa: F401  (sets Django up first)
from worklog.chain import GENESIS
from worklog.services import WORK_RECORD_CHAIN

WORK_RECORD_CHAIN.lock_and_read = lambda **kwargs: (GENESIS, None)
WORK_RECORD_CHAIN.insert = lambda row: row
