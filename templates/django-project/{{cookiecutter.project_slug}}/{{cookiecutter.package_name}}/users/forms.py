from django.contrib.auth.forms import UserCreationForm

from .models import User


class SignUpForm(UserCreationForm):
    """Django's sign-up form, bound to our user model and asking for an email."""

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")
