from django.dispatch import Signal

#: Sent with `user` by `accounts.services.profile_update`, once committed, after a member
#: changed whether they count in community figures (Profile.count_in_figures), whatever the
#: entry point. Apps above accounts whose figures rest on that consent (treatments) connect
#: to it in ready(): accounts may not import them. It carries no logic of its own.
figures_consent_changed = Signal()
