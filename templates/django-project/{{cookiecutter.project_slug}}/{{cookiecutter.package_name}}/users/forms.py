from django.contrib.auth.forms import UserCreationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import User


class SignUpForm(UserCreationForm):
    """Django's sign-up form, bound to our user model and asking for an email.

    The model lets email be blank and shared (createsuperuser and the admin
    may leave it empty); a new account must have one of its own.
    """

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True

    def clean_email(self):
        email = self.cleaned_data["email"]
        # Mailbox names are case-insensitive in practice: Bob@Example.com is
        # the same person as bob@example.com.
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(
                _("A user with that email address already exists."), code="unique"
            )
        return email
