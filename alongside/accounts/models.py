import uuid
from contextvars import ContextVar
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from alongside.core.models import Audience, TimeStampedModel
from alongside.core.prepared import Int, Prepared
from alongside.core.storage import private_storage


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get(self, *args, **kwargs):
        """As Django's, but by primary key alone (how every signed-in request loads its user)
        a prepared query: its SQL is built once per process (core/prepared.py)."""
        if args or set(kwargs) != {"pk"} or self.model is not User or self._db:
            return super().get(*args, **kwargs)
        try:
            pk = self.model._meta.pk.to_python(kwargs["pk"])
        except ValidationError:
            return super().get(*args, **kwargs)
        found = _read_ahead_take(pk)
        if found is None:
            found = _USER_BY_PK.first(pk=pk)
        if found is None:
            raise self.model.DoesNotExist(
                f"{self.model._meta.object_name} matching query does not exist."
            )
        return found

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A platform-wide account; it logs in with its email address."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []
    objects = UserManager()

    def __str__(self) -> str:
        return self.email

    def get_full_name(self) -> str:
        profile = getattr(self, "profile", None)
        return profile.display_name if profile and profile.display_name else self.email

    def get_short_name(self) -> str:
        return self.get_full_name()


# The signed-in user, read by the request ahead of the sign-in check together with their
# membership (accounts/middleware.py): the check's own read takes it instead of asking the
# database again. Taken once, so any later read of the same user is a fresh one.
_READ_AHEAD: ContextVar["User | None"] = ContextVar("user_read_ahead", default=None)


def read_ahead(user: "User"):
    """Offer `user` to this request's sign-in check; returns what read_ahead_end takes."""
    return _READ_AHEAD.set(user)


def read_ahead_end(token) -> None:
    _READ_AHEAD.reset(token)


def _read_ahead_take(pk) -> "User | None":
    ahead = _READ_AHEAD.get()
    if ahead is None or ahead.pk != pk:
        return None
    _READ_AHEAD.set(None)
    return ahead


_USER_BY_PK = Prepared(lambda *, pk: User.objects.filter(pk=pk).order_by()[:1], pk=Int)


def _avatar_path(instance, filename: str) -> str:
    return f"avatars/{filename}"


class Profile(TimeStampedModel):
    """What a member tells others about themselves; every field has its own audience."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(
        _("display name"), max_length=60, blank=True, help_text=_("A pseudonym is fine.")
    )
    display_name_audience = models.CharField(
        max_length=10, choices=Audience.choices, default=Audience.MEMBERS
    )
    # Private storage: served only through `profile_picture`, which applies avatar_audience.
    avatar = models.ImageField(upload_to=_avatar_path, storage=private_storage, blank=True)
    avatar_audience = models.CharField(
        max_length=10, choices=Audience.choices, default=Audience.MEMBERS
    )
    about = models.TextField(_("about me"), max_length=2000, blank=True)
    about_audience = models.CharField(
        max_length=10, choices=Audience.choices, default=Audience.TEAM
    )
    region = models.CharField(
        _("region"), max_length=80, blank=True, help_text=_("Coarse, e.g. 'North West England'.")
    )
    region_audience = models.CharField(
        max_length=10, choices=Audience.choices, default=Audience.TEAM
    )
    conditions_audience = models.CharField(
        max_length=10, choices=Audience.choices, default=Audience.ONLY_ME
    )
    count_in_figures = models.BooleanField(
        _("count me in community figures"),
        default=False,
        help_text=_(
            "Adds your conditions and treatments, never your name, to counts such as "
            "'more than 4,900 members also report fibromyalgia'."
        ),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        help_text=_("Reminders and 'today' in your journal follow it, e.g. Europe/London."),
    )
    onboarding_step = models.PositiveSmallIntegerField(default=0)
    onboarded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(about_audience="public")
                & ~models.Q(region_audience="public")
                & ~models.Q(conditions_audience="public"),
                name="profile_private_fields_never_public",
            )
        ]

    def __str__(self) -> str:
        return self.display_name or f"profile {self.pk}"

    @property
    def avatar_version(self) -> str:
        """Changes with each new picture (its name is random), so no cached old one shows."""
        return PurePosixPath(self.avatar.name).stem[:8] if self.avatar else ""


class MemberCondition(models.Model):
    """Another condition a member lives with: the source of 'N members also report ...'."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conditions"
    )
    slug = models.SlugField(max_length=60)
    code = models.CharField(max_length=10)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "slug"], name="one_condition_row_per_member")
        ]
        indexes = [models.Index(fields=["slug", "user"])]

    def __str__(self) -> str:
        return self.slug
