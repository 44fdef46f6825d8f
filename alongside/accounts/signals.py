from django.dispatch import Signal

#: Sent with `user` after a member changes whether they count in community figures
#: (Profile.count_in_figures), so whatever figures rest on that consent are recomputed now,
#: not at the nightly refresh.
figures_consent_changed = Signal()


def profile_form_saved(form) -> None:
    """Call after saving a form: when it was a form over the Profile, tells others what changed."""
    from alongside.accounts.models import Profile

    if not isinstance(getattr(form, "instance", None), Profile):
        return
    if "count_in_figures" in form.changed_data:
        figures_consent_changed.send(sender=Profile, user=form.instance.user)
