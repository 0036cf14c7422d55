"""Pages for rating a service, answering bad reviews, moderating and recording who was served."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from marketplace.accounts.scope import scope_of
from marketplace.http.views import call_service
from marketplace.reviews import services
from marketplace.reviews.models import RectificationCase, Review, ServedPerson
from marketplace.reviews.registry import ProviderType, kind_get
from marketplace.reviews.selectors import (
    case_visible_to,
    cases_for_provider_user,
    overseen_by,
    rateable_for,
    rating_get,
    reviews_of_provider,
)
from marketplace.reviews.states import may_moderate
from marketplace.web.reviews.forms import CaseAnswerForm, ReasonForm, ReviewForm, ServedPeopleForm


def _kind_or_404(key: str):
    try:
        return kind_get(key)
    except KeyError:
        raise Http404 from None


class ReviewRateView(LoginRequiredMixin, View):
    """Rate a service you received, or edit your review of it."""

    template_name = "reviews/rate.html"

    def _context(self, request, kind_key, service_id):
        kind = _kind_or_404(kind_key)
        service = kind.served(request.user).filter(pk=service_id).first()
        if service is None:
            raise Http404
        review = (
            Review.objects.filter(
                reviewer=request.user, service_kind=kind.key, service_id=service_id
            )
            .select_related("rectification")
            .first()
        )
        return {
            "kind": kind,
            "service": service,
            "review": review,
            "provider": kind.provider(service),
        }

    def get(self, request, kind, service_id):
        context = self._context(request, kind, service_id)
        review = context["review"]
        initial = (
            {"level": review.level, "tags": review.tags, "text": review.text} if review else {}
        )
        context["form"] = ReviewForm(initial=initial)
        context["editable"] = review is None or services.review_editable(review)
        return render(request, self.template_name, context)

    def post(self, request, kind, service_id):
        context = self._context(request, kind, service_id)
        form = ReviewForm(request.POST)
        context.update(form=form, editable=True)
        if not form.is_valid():
            return render(request, self.template_name, context, status=400)
        data = form.cleaned_data
        if context["review"] is None:
            done = call_service(
                request,
                services.review_create,
                errors_to=form,
                service_kind=kind,
                service_id=service_id,
                level=data["level"],
                text=data["text"],
                tags=data["tags"],
            )
        else:
            done = call_service(
                request,
                services.review_update,
                errors_to=form,
                review=context["review"],
                level=data["level"],
                text=data["text"],
                tags=data["tags"],
            )
        if done is None:
            return render(request, self.template_name, context, status=400)
        messages.success(request, _("Thank you: your rating is saved."))
        if done.is_bad and done.rectification.status == "open":
            messages.info(request, _("The provider has been asked to answer and put it right."))
        return redirect("reviews:mine")


class MyReviewsView(LoginRequiredMixin, TemplateView):
    """Services I received: rate them, see my reviews and the providers' answers."""

    template_name = "reviews/mine.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = rateable_for(self.request.user)
        context["to_rate"] = [item for item in items if item.review is None]
        context["rated"] = (
            Review.objects.filter(reviewer=self.request.user)
            .select_related("rectification")
            .order_by("-created_at")
        )
        return context


class CaseListView(LoginRequiredMixin, ListView):
    """Bad reviews of the providers I speak for, with their deadlines; escalated ones for staff."""

    template_name = "reviews/cases.html"
    context_object_name = "cases"
    paginate_by = 30

    def get_queryset(self):
        return cases_for_provider_user(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["answer_form"] = CaseAnswerForm()
        return context


class CaseAnswerView(LoginRequiredMixin, View):
    def post(self, request, pk):
        case = get_object_or_404(RectificationCase.objects.select_related("review"), pk=pk)
        if not case_visible_to(case, request.user):
            raise Http404
        form = CaseAnswerForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Write both your answer and what was fixed."))
            return redirect("reviews:cases")
        done = call_service(request, services.case_answer, case=case, **form.cleaned_data)
        if done is not None:
            messages.success(request, _("Your answer was sent to the reviewer."))
        return redirect("reviews:cases")


class CaseAcceptView(LoginRequiredMixin, View):
    def post(self, request, pk):
        case = get_object_or_404(RectificationCase.objects.select_related("review"), pk=pk)
        if case.review.reviewer_id != request.user.pk:
            raise Http404
        if call_service(request, services.case_accept, case=case) is not None:
            messages.success(request, _("Thank you: the case is closed."))
        return redirect("reviews:mine")


class ServedPeopleView(LoginRequiredMixin, View):
    """Staff record who a demand or a shift served; those people may then rate it."""

    template_name = "reviews/served.html"

    def _context(self, request, kind_key, service_id):
        kind = _kind_or_404(kind_key)
        service = kind.model_class().objects.filter(pk=service_id).first()
        if (
            service is None
            or not kind.records_served_people
            or not kind.may_record_served(request.user, service)
        ):
            raise Http404
        people = ServedPerson.objects.filter(
            service_kind=kind.key, service_id=service.pk
        ).select_related("person")
        return {"kind": kind, "service": service, "people": people, "title": kind.title(service)}

    def get(self, request, kind, service_id):
        context = self._context(request, kind, service_id)
        context["form"] = ServedPeopleForm()
        return render(request, self.template_name, context)

    def post(self, request, kind, service_id):
        context = self._context(request, kind, service_id)
        form = ServedPeopleForm(request.POST)
        context["form"] = form
        if form.is_valid():
            done = call_service(
                request,
                services.served_people_record,
                errors_to=form,
                service_kind=kind,
                service_id=service_id,
                contacts=form.contact_list(),
            )
            if done is not None:
                messages.success(
                    request, _("%(n)s people recorded and asked to rate.") % {"n": len(done)}
                )
                return redirect("reviews:served", kind=kind, service_id=service_id)
        return render(request, self.template_name, context, status=400)


class ModerationListView(LoginRequiredMixin, ListView):
    """Staff: reviews in their communities, text held back first."""

    template_name = "reviews/moderation.html"
    context_object_name = "reviews"
    paginate_by = 30

    def get_queryset(self):
        user = self.request.user
        reviews = Review.objects.select_related("reviewer").order_by("status", "-created_at")
        if user.is_superuser:
            return reviews
        communities = scope_of(user).community_ids
        if not communities:
            raise Http404
        return reviews.filter(overseen_by(communities))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reason_form"] = ReasonForm()
        return context


MODERATION = {
    "hide": (services.review_hide, _("The review's text is hidden.")),
    "restore": (services.review_restore, _("The review is shown again.")),
    "remove": (services.review_remove, _("The review is removed as abusive.")),
}


class ReviewModerateView(LoginRequiredMixin, View):
    def post(self, request, pk, action):
        if action not in MODERATION:
            raise Http404
        review = get_object_or_404(Review, pk=pk)
        if not may_moderate(review, request.user):
            raise Http404
        service, done_message = MODERATION[action]
        done = call_service(request, service, review=review, reason=request.POST.get("reason", ""))
        if done is not None:
            messages.success(request, done_message)
        return redirect("reviews:moderation")


PROVIDER_TYPES = {t.value for t in ProviderType}


class ProviderReviewsView(ListView):
    """Public: a provider's rating with how it is computed, and its reviews."""

    template_name = "reviews/provider.html"
    context_object_name = "reviews"
    paginate_by = 20

    def get_queryset(self):
        if self.kwargs["provider_type"] not in PROVIDER_TYPES:
            raise Http404
        return reviews_of_provider(
            provider_type=self.kwargs["provider_type"], provider_id=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rating"] = rating_get(
            provider_type=self.kwargs["provider_type"], provider_id=self.kwargs["pk"]
        )
        first = self.object_list.first()
        context["provider_name"] = first.provider_name if first else ""
        return context
