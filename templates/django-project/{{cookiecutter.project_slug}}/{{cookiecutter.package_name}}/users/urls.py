"""Account pages, built on django.contrib.auth's views.

The auth views name their templates and redirect targets after Django's
un-namespaced URLs (``password_reset_done`` and so on); each one here is told
its template and the ``users:`` page to go to next.
"""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from .views import SignUpView

app_name = "users"

urlpatterns = [
    path("signup/", SignUpView.as_view(), name="signup"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="users/login.html",
            # Someone logged in has nothing to do here: send them on. The
            # cost, per Django's docs: another site can tell whether its
            # visitor is logged in here, by loading an image of this site
            # through ?next=; serve images from another domain if that matters.
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    # LogoutView accepts POST only, so a link can't log anyone out.
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(
            template_name="users/password_change.html",
            success_url=reverse_lazy("users:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="users/password_change_done.html"
        ),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            template_name="users/password_reset_form.html",
            # The mail links to users:password_reset_confirm; Django's own
            # template links to the un-namespaced name, which doesn't exist.
            email_template_name="users/password_reset_email.txt",
            subject_template_name="users/password_reset_subject.txt",
            success_url=reverse_lazy("users:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="users/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="users/password_reset_confirm.html",
            success_url=reverse_lazy("users:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="users/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
