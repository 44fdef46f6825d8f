from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from alongside.articles.models import ArticlePage


class ArticleFeed(Feed):
    """The newest articles of the community served at this host, as Atom."""

    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return request.community

    def title(self, community):
        return _("%(name)s: articles") % {"name": community.name}

    def link(self, community):
        return "/resources/"

    def subtitle(self, community):
        return community.tagline

    def items(self, community):
        root = community.site.root_page
        return (
            ArticlePage.objects.live()
            .filter(path__startswith=root.path)
            .select_related("writer")
            .order_by("-first_published_at")[:30]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.get_url(request=self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.writer.title if item.writer else None
