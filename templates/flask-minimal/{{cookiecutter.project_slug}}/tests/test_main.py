{% include "flask/tests/test_main.py" -%}
