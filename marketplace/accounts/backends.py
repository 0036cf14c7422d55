from marketplace.accounts.roles import ROLE_PERMISSIONS
from marketplace.accounts.scope import scope_of


class RolePermissionBackend:
    """Grants the model permissions each role holds (see roles.ROLE_PERMISSIONS).

    Model permissions only open a back-office screen; every object is then
    filtered by scope (community, organization) in the viewsets and services.
    """

    def authenticate(self, request, **credentials):
        return None

    def get_user(self, user_id):
        return None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or not user_obj.is_authenticated:
            return set()
        perms = set()
        for role in scope_of(user_obj).roles:
            perms |= ROLE_PERMISSIONS.get(role, frozenset())
        return perms

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj)

    def has_module_perms(self, user_obj, app_label):
        return any(p.startswith(app_label + ".") for p in self.get_all_permissions(user_obj))
