"""The notes API's views.

Django REST framework shows a view's docstring to the API's users: as the
description on its pages in the browsable API (/api/ in a browser) and in
answers to OPTIONS. So the docstrings here are written for them, on one line
(a line break shows), and notes for developers are comments.
"""

from rest_framework import routers, viewsets

from .serializers import NoteSerializer


class APIRootView(routers.APIRootView):
    """The endpoints of this API, for the account you are logged in with."""


class NoteViewSet(viewsets.ModelViewSet):
    """Your notes: list them (newest first) and add one; read, change or delete one."""

    # Only for logged-in users: REST_FRAMEWORK's default permission (settings).
    serializer_class = NoteSerializer

    def get_queryset(self):
        return self.request.user.notes.all()

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)
