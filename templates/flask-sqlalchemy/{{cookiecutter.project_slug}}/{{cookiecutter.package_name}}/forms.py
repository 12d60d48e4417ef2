{% include "flask/package/forms.py" -%}
