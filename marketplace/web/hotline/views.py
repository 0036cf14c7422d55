from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView
from django_filters.views import FilterView

from marketplace.hotline import services
from marketplace.hotline.models import RequestStatus
from marketplace.hotline.selectors import (
    board_list,
    escalated_open_count,
    may_use_board,
    request_get,
    requests_of,
    timeline,
)
from marketplace.hotline.states import is_request_resident, is_request_staff
from marketplace.http.views import call_service
from marketplace.web.hotline.filters import BoardFilter
from marketplace.web.hotline.forms import RequestForm

S = RequestStatus


class MyRequestsView(LoginRequiredMixin, ListView):
    """The resident's own requests and where each stands."""

    template_name = "hotline/my_requests.html"
    context_object_name = "requests"
    paginate_by = 30

    def get_queryset(self):
        return requests_of(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_resident"] = hasattr(self.request.user, "resident_profile")
        context["may_use_board"] = may_use_board(self.request.user)
        context["now"] = timezone.now()
        return context


class RequestCreateView(LoginRequiredMixin, FormView):
    template_name = "hotline/request_form.html"
    form_class = RequestForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        profile = getattr(self.request.user, "resident_profile", None)
        context["community"] = profile.community if profile else None
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        resident_request = call_service(
            self.request,
            services.request_file,
            errors_to=form,
            category=data["category"],
            text=data["text"],
            place=data["place"],
            latitude=data["latitude"],
            longitude=data["longitude"],
            about_organization=data["about_organization"],
            photos=data["photos"],
        )
        if resident_request is None:
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Your request No. %(number)s was sent to %(community)s.")
            % {"number": resident_request.pk, "community": resident_request.community.name},
        )
        return redirect("hotline:detail", pk=resident_request.pk)


class RequestDetailView(LoginRequiredMixin, DetailView):
    """The request and its timeline; staff act on it here (POST with an `action`)."""

    template_name = "hotline/request_detail.html"
    context_object_name = "item"
    SERVICES = {
        "accept": services.request_accept,
        "resolve": services.request_resolve,
        "reject": services.request_reject,
        "withdraw": services.request_withdraw,
        "close": services.request_close,
    }

    def get_object(self, queryset=None):
        return request_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item, user = self.object, self.request.user
        context["timeline"] = timeline(item)
        context["photos"] = item.photos.all()
        context["is_staff"] = is_request_staff(item, user)
        context["is_resident"] = is_request_resident(item, user)
        context["now"] = timezone.now()
        return context

    def post(self, request, pk):
        item = self.get_object()
        action = request.POST.get("action", "")
        if action not in self.SERVICES:
            raise Http404
        arguments = {"resident_request": item}
        if action == "resolve":
            arguments["resolution"] = request.POST.get("resolution", "")
            arguments["upheld"] = {"yes": True, "no": False}.get(request.POST.get("upheld", ""))
        elif action in ("reject", "withdraw"):
            arguments["reason"] = request.POST.get("reason", "")
        done = call_service(request, self.SERVICES[action], **arguments)
        if done is not None:
            messages.success(
                request,
                _("Done: the request is now “%(status)s”.") % {"status": done.get_status_display()},
            )
        return redirect("hotline:detail", pk=item.pk)


class RequestPhotoView(LoginRequiredMixin, View):
    """A request's photo, only for those who may see the request."""

    def get(self, request, pk, photo_pk):
        item = request_get(user=request.user, pk=pk)
        photo = get_object_or_404(item.photos, pk=photo_pk)
        return FileResponse(photo.image.open("rb"))


class BoardView(LoginRequiredMixin, FilterView):
    """Staff board: community staff see their communities' requests, street staff every
    community of their street; nearest deadline first, overdue ones marked."""

    template_name = "hotline/board.html"
    filterset_class = BoardFilter
    context_object_name = "requests"
    paginate_by = 30

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_use_board(request.user):
            raise PermissionDenied(_("The board is for community and street staff."))
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return board_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["now"] = timezone.now()
        context["escalated_open"] = escalated_open_count(user=self.request.user)
        return context
