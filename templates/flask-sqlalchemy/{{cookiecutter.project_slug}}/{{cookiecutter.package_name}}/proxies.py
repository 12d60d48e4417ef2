{% include "flask/package/proxies.py" -%}
