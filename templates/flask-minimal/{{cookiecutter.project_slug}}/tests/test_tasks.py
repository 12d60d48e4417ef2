{% include "flask/tests/test_tasks.py" -%}
