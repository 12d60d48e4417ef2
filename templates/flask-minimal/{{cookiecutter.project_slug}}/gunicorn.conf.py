{% include "flask/gunicorn.conf.py" -%}
