from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.reviews.models import Level, Tag


class ReviewForm(forms.Form):
    level = forms.TypedChoiceField(
        label=_("How satisfied are you?"),
        choices=Level.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    tags = forms.MultipleChoiceField(
        label=_("Tags (optional)"),
        choices=Tag.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    text = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class CaseAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer to the reviewer"), widget=forms.Textarea(attrs={"rows": 3})
    )
    fixed = forms.CharField(
        label=_("What was fixed or changed"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ServedPeopleForm(forms.Form):
    contacts = forms.CharField(
        label=_("People served"),
        help_text=_("One mobile number or email per line; each is asked to rate the service."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def contact_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["contacts"].splitlines() if line.strip()]
