from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alongside.core.models import TimeStampedModel, Visibility

# The words of a question's title, as indexed on PostgreSQL (migration 0004) and searched by
# alongside/core/textsearch.py; written identically in both so the index serves the search.
QUESTION_TITLE_WORDS = "to_tsvector('simple'::regconfig, questions_question.title)"


class Question(TimeStampedModel):
    """A member's question. Title and answer count are public (anonymised); the rest is not."""

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="questions"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="questions"
    )
    title = models.CharField(_("question"), max_length=200)
    body = models.TextField(_("details"), blank=True, max_length=10_000)
    topics = models.ManyToManyField("core.Topic", blank=True, related_name="questions")
    answer_count = models.PositiveIntegerField(default=0, editable=False)
    best_answer = models.ForeignKey(
        "questions.Answer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    visibility = models.CharField(
        max_length=12, choices=Visibility.choices, default=Visibility.PUBLISHED, db_index=True
    )

    class Meta:
        indexes = [models.Index(fields=["community", "visibility", "-created_at", "-id"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("questions:detail", args=[self.pk])


class Answer(TimeStampedModel):
    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="answers"
    )
    body = models.TextField(_("answer"), max_length=10_000)
    helpful_count = models.PositiveIntegerField(default=0, editable=False)
    visibility = models.CharField(
        max_length=12, choices=Visibility.choices, default=Visibility.PUBLISHED, db_index=True
    )

    class Meta:
        indexes = [
            models.Index(fields=["question", "visibility", "created_at", "id"]),
            # "published or mine" cannot use the index above (measured: 6.8 ms -> 0.2 ms for
            # a question's answers at 216,000 members).
            models.Index(fields=["question", "created_at", "id"], name="answer_by_question_time"),
        ]

    def __str__(self) -> str:
        return f"answer {self.pk} to {self.question_id}"

    def get_absolute_url(self) -> str:
        return reverse("questions:detail", args=[self.question_id]) + f"#answer-{self.pk}"


class HelpfulVote(models.Model):
    """One member found one answer helpful. Counted on write in Answer.helpful_count."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="helpful_votes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="helpful_votes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer", "user"], name="one_helpful_vote_per_member")
        ]
        indexes = [models.Index(fields=["user", "answer"])]

    def __str__(self) -> str:
        return f"{self.user_id} found {self.answer_id} helpful"
