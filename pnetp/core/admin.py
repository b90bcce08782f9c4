"""Admin pieces shared by the apps."""


class ReadOnlyAdminMixin:
    """For rows a service writes (logs, runs, grants, mirrored vocabularies): staff may look, not add, change or
    delete; the admin must not be a way around the service and its log."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
