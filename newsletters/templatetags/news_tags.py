from django import template

from newsletters.selectors import news_for_home

register = template.Library()


@register.inclusion_tag("newsletters/_home_news.html")
def home_news(limit=3):
    """The home page's news block: the latest published news."""
    return {"news": news_for_home(limit)}
