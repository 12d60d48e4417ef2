{% include "flask/package/__init__.py" -%}
