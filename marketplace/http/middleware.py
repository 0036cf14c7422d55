from django.http import Http404

from marketplace.core.errors import NotFound


class NotFoundMiddleware:
    """A selector's NotFound (no such object, or one the user may not see) is a 404."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NotFound):
            raise Http404 from exception
        return None
