{% include "flask/tests/test_assets.py" -%}
