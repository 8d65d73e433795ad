"""Forms of the facilitator's paper mode: a sheet, and the answers typed in from it."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coalesce.training.limits import MAX_NAME
from coalesce.training.models import LiveSession


class PaperParticipantForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput, initial="add")
    label = forms.CharField(
        label=gettext_lazy("Label of the sheet"),
        max_length=MAX_NAME,
        help_text=gettext_lazy("What is written on the paper, e.g. “Sheet 4” or a first name."),
    )


class PaperAnswersForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput, initial="answers")
    participant_id = forms.TypedChoiceField(label=gettext_lazy("Sheet"), coerce=int)
    phase = forms.ChoiceField(
        label=gettext_lazy("Test"), choices=LiveSession.Phase.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, people, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.fields["participant_id"].choices = [("", "—"), *((p.pk, p.label) for p in people)]
        for question in questions:
            self.fields[f"answer_{question.id}"] = forms.TypedChoiceField(
                label=f"{question.number} {question.text}".strip(),
                label_suffix="",
                choices=[
                    ("", _("No answer")),
                    *((str(i), f"{i + 1}. {text}") for i, text in enumerate(question.options)),
                ],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )

    def choices(self) -> dict:
        return {q.id: self.cleaned_data.get(f"answer_{q.id}") for q in self.questions}
