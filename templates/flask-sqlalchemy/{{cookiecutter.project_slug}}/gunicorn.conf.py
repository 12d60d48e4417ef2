{% include "gunicorn/conf.py" -%}
