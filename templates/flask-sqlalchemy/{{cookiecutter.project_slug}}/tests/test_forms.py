{% include "flask/tests/test_forms.py" -%}
