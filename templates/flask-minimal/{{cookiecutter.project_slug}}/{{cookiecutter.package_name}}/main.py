{% include "flask/package/main.py" -%}
