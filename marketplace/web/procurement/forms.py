from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.procurement.models import DocumentKind, Project
from marketplace.procurement.services.projects import PROJECT_FIELDS


class BidForm(forms.Form):
    """A bid: the organization, price, plan, team and one file per required document."""

    organization = forms.ModelChoiceField(label=_("Bid for"), queryset=None)
    price = forms.DecimalField(label=_("Price (yuan)"), max_digits=12, decimal_places=2)
    plan = forms.CharField(label=_("Service plan"), widget=forms.Textarea(attrs={"rows": 8}))
    team = forms.CharField(
        label=_("Team (one person per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, organizations, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["organization"].empty_label = None
        for kind in project.required_documents:
            self.fields[f"file_{kind}"] = forms.FileField(label=DocumentKind(kind).label)

    def files_for_service(self) -> list[tuple[str, str, bytes]]:
        return [
            (name.removeprefix("file_"), upload.name, upload.read())
            for name, upload in self.cleaned_data.items()
            if name.startswith("file_") and upload
        ]

    def team_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["team"].splitlines() if line.strip()]


class ProjectForm(forms.ModelForm):
    """Setting up a project (立项); the criteria come in CriterionFormSet beside it."""

    class Meta:
        model = Project
        fields = list(PROJECT_FIELDS)
        widgets = {
            "service_starts": forms.DateInput(attrs={"type": "date"}),
            "service_ends": forms.DateInput(attrs={"type": "date"}),
            "bid_deadline": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "opening_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }

    def __init__(self, *args, purchasers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purchaser"].queryset = purchasers
        self.fields["purchaser"].empty_label = None  # staff of one body need not choose


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=120)
    description = forms.CharField(label=_("What earns the points"), required=False)
    max_score = forms.DecimalField(label=_("Points"), max_digits=5, decimal_places=2, min_value=0)


CriterionFormSet = forms.formset_factory(CriterionForm, extra=3, min_num=1, validate_min=True)


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=120)
    deliverables = forms.CharField(label=_("Deliverables"))
    due_date = forms.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))
    payment_share = forms.DecimalField(
        label=_("Share of payment (%)"), max_digits=5, decimal_places=2, min_value=0
    )


MilestoneFormSet = forms.formset_factory(MilestoneForm, extra=3, min_num=1, validate_min=True)


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Indicator"), max_length=80)
    weight = forms.DecimalField(label=_("Weight"), max_digits=5, decimal_places=2, min_value=0)
    score = forms.DecimalField(
        label=_("Score (0–100)"), max_digits=5, decimal_places=2, min_value=0, max_value=100
    )


IndicatorFormSet = forms.formset_factory(IndicatorForm, extra=3, min_num=1, validate_min=True)
