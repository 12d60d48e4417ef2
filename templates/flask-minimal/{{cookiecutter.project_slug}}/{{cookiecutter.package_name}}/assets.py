{% include "flask/package/assets.py" -%}
