"""What every step of the public form shares: USWDS classes, and the aria links between a field,
its hint and its error, and the errors of a question asked as a group of fields."""

from django import forms

USWDS_CLASSES = {
    "textinput": "usa-input",
    "emailinput": "usa-input",
    "telinput": "usa-input",
    "numberinput": "usa-input",
    "select": "usa-select",
    "countryselect": "usa-select",
    "textarea": "usa-textarea",
    "checkboxinput": "usa-checkbox__input",
    "radioselect": "usa-radio__input",
    "fileinput": "usa-file-input",
}


class StepForm(forms.Form):
    """Adds the USWDS classes and the aria links between a field, its hint and its error."""

    hints: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget_type = type(field.widget).__name__.lower()
            css = USWDS_CLASSES.get(widget_type, "")
            if css:
                field.widget.attrs.setdefault("class", css)
            if name in self.hints:
                field.help_text = self.hints[name]
                field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}-hint"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            widget.attrs["aria-invalid"] = "true"
            widget.attrs["aria-describedby"] = " ".join(
                part
                for part in (widget.attrs.get("aria-describedby"), f"{self[name].auto_id}-error")
                if part
            )
            base = widget.attrs.get("class", "").split(" ")[0]
            if base in ("usa-input", "usa-select", "usa-textarea"):
                widget.attrs["class"] += f" {base}--error"

    # A question asked as a group of fields: its name, legend and first field (the anchor).
    groups: dict = {}
    group_errors: dict = {}  # replaced, never changed in place

    def add_group_error(self, group, message):
        self.group_errors = {**self.group_errors, group: message}
        self.add_error(None, message)

    def error_links(self):
        """(anchor, message) for the error summary: each message links to its field, a group's
        to its first field."""
        group_messages = {str(m): g for g, m in self.group_errors.items()}
        links = []
        for message in self.non_field_errors():
            group = group_messages.get(str(message))
            if group:
                legend, first = self.groups[group]
                links.append((self[first].auto_id, f"{legend}: {message}"))
            else:
                links.append(("main-content", message))
        for bound in self:
            anchor = bound.auto_id
            if bound.widget_type == "radioselect":
                anchor = f"{anchor}_0"
            links.extend((anchor, f"{bound.label}: {message}") for message in bound.errors)
        return links
