{% include "gunicorn/test_conf.py" -%}
