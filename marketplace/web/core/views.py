from django.http import HttpResponseRedirect
from django.views import View

from marketplace.http.views import safe_next
from marketplace.web.core.context_processors import ELDER_COOKIE


class ElderModeToggleView(View):
    """Switches elder mode (适老化: larger type, higher contrast) on or off for this visitor."""

    def post(self, request):
        response = HttpResponseRedirect(safe_next(request))
        if request.POST.get("elder") == "1":
            response.set_cookie(ELDER_COOKIE, "1", max_age=365 * 24 * 3600, samesite="Lax")
        else:
            response.delete_cookie(ELDER_COOKIE)
        return response
