{% include "flask/tests/test_proxies.py" -%}
