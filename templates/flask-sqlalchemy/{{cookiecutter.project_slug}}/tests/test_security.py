{% include "flask/tests/test_security.py" -%}
