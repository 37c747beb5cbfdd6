from django import forms

from .models import DigestPreference


class DigestForm(forms.ModelForm):
    class Meta:
        model = DigestPreference
        fields = ["frequency", "language"]
        widgets = {"frequency": forms.RadioSelect, "language": forms.RadioSelect}
