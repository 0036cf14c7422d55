"""The survey form and question formset for staff, and the answer form for residents."""

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.surveys.models import Question, QuestionKind, Survey


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["community", "title", "introduction", "closes_at"]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 4}),
            "closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }

    def __init__(self, *args, communities=None, **kwargs):
        super().__init__(*args, **kwargs)
        if communities is None:  # editing: the community stays
            del self.fields["community"]
        else:
            self.fields["community"].queryset = communities
            self.fields["community"].empty_label = None


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), max_length=300)
    kind = forms.ChoiceField(
        label=_("Kind of answer"), choices=QuestionKind.choices, initial=QuestionKind.SATISFACTION
    )
    options = forms.CharField(
        label=_("Options (single choice only, one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    required = forms.BooleanField(label=_("Answer required"), required=False, initial=True)

    def for_service(self) -> dict:
        data = self.cleaned_data
        return {
            "text": data["text"],
            "kind": data["kind"],
            "required": data["required"],
            "options": [line.strip() for line in data["options"].splitlines() if line.strip()],
        }


QuestionFormSet = forms.formset_factory(
    QuestionForm, extra=3, can_order=True, can_delete=True, min_num=1, validate_min=True
)


def question_initial(questions) -> list[dict]:
    return [
        {
            "text": q.text,
            "kind": q.kind,
            "options": "\n".join(q.options),
            "required": q.required,
        }
        for q in questions
    ]


def questions_from(formset) -> list[dict]:
    """The questions in the order staff gave them, deleted and blank rows left out."""
    return [form.for_service() for form in formset.ordered_forms]


class AnswerForm(forms.Form):
    """One field per question, named q<id>: radio buttons for scales and choices (each in
    a fieldset with its legend), a text area for free text."""

    def __init__(self, *args, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        for question in questions:
            self.fields[f"q{question.pk}"] = _answer_field(question)


def _answer_field(question: Question) -> forms.Field:
    common = {"label": question.text, "required": question.required}
    if question.kind == QuestionKind.TEXT:
        return forms.CharField(**common, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    scale = question.kind == QuestionKind.SCALE_10
    return forms.TypedChoiceField(
        **common,
        help_text=_("0 is the worst, 10 the best.") if scale else "",
        choices=question.value_choices(),
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect(attrs={"class": "answer-scale" if scale else "answer-choices"}),
    )
