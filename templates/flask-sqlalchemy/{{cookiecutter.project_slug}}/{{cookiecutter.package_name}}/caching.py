{% include "flask/package/caching.py" -%}
