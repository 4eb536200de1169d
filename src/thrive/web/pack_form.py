"""The Reports page's commentary: a paragraph per section of the pack, written before issuing.

The same fields go with a download (to see the pack with its commentary before issuing it) and
with issuing. Each paragraph is at most 2,000 characters; a pack issued for leadership may not
name a worker of the council in its commentary (it names nobody).
"""

from __future__ import annotations

from django import forms

from thrive.summaries import pack_files

MOST = 2000
SECTIONS: tuple[tuple[str, str], ...] = tuple(pack_files.SHEETS.items())


def field_name(key: str) -> str:
    return f"commentary_{key}"


class CommentaryForm(forms.Form):
    """One optional paragraph per section of the pack, by the section's key."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for key, label in SECTIONS:
            self.fields[field_name(key)] = forms.CharField(
                label=f"Commentary on {label}",
                required=False,
                max_length=MOST,
                widget=forms.Textarea,
                error_messages={
                    "max_length": f"The commentary on {label} must be 2,000 characters or fewer"
                },
            )

    def commentary(self) -> dict[str, str]:
        """The paragraphs written, by section key (empty ones left out)."""
        texts = {
            key: str(self.cleaned_data.get(field_name(key)) or "").strip() for key, _ in SECTIONS
        }
        return {k: v for k, v in texts.items() if v}

    def refuse_names(self, found: dict[str, list[str]]) -> None:
        """Mark each paragraph that names a worker (a pack for leadership names nobody)."""
        labels = dict(SECTIONS)
        for key, names in found.items():
            self.add_error(
                field_name(key),
                f"The commentary on {labels.get(key, key)} names {', '.join(names)}: a pack "
                "without small numbers is for leadership and names nobody",
            )
