{% include "flask/package/worker.py" -%}
