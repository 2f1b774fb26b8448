"""Department simulator: one real HTTP service per demo department (stdlib + cryptography).

Run it with `python -m data_exchange.simulator` or `manage.py run_department_simulator`.
See docs/data_exchange.md for the modes and the control endpoint.
"""
