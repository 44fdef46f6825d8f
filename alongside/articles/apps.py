from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "alongside.articles"
    label = "articles"

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from alongside.articles import services
        from alongside.articles.models import ArticleComment
        from alongside.core import moderation, privacy

        # Wagtail's own publish hook, used only to purge cached pages.
        page_published.connect(services.page_published, dispatch_uid="articles-purge")
        page_unpublished.connect(services.page_published, dispatch_uid="articles-purge-un")
        moderation.register(
            moderation.Moderatable(
                label="article comment",
                model=ArticleComment,
                excerpt=lambda comment: comment.text[:200] or "(picture)",
                url=lambda comment: f"{comment.article.url}#comment-{comment.pk}",
                approve=services.comment_approve,
                reject=services.comment_reject,
                guest_of=services.comment_guest_of,
            )
        )
        privacy.register(
            privacy.Contributor(
                "article_comments", services.comments_export, services.comments_erase
            )
        )
