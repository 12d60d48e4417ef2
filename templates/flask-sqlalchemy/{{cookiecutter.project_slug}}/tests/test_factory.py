{% include "flask/tests/test_factory.py" -%}
