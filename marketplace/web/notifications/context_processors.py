from django.utils.functional import SimpleLazyObject

from marketplace.notifications.selectors import unread_count


def notifications(request):
    """`unread_notifications`, counted only if a template asks for it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user=user))}
