from rest_framework import viewsets

from .serializers import NoteSerializer


class NoteViewSet(viewsets.ModelViewSet):
    """List, create, read, update and delete the current user's notes.

    Login is required by REST_FRAMEWORK's default permission (settings).
    """

    serializer_class = NoteSerializer

    def get_queryset(self):
        return self.request.user.notes.all()

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)
