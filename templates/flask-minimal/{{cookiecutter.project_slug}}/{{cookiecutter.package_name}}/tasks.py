{% include "flask/package/tasks.py" -%}
