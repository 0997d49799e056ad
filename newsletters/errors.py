from core.errors import DomainError


class NewsletterError(DomainError):
    """What people can get wrong with news, subscriptions and issues."""
