{% include "flask/package/extensions.py" -%}
