{% include "flask/package/security.py" -%}
