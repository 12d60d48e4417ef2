{% include "flask/tests/test_caching.py" -%}
