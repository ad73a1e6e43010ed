"""Request middleware."""

from django.conf import settings
from django.utils import translation
from django.utils.deprecation import MiddlewareMixin


class VietnameseFirstLocaleMiddleware(MiddlewareMixin):
    """Activate Vietnamese unless the user chose another language with the language switch.

    Unlike Django's LocaleMiddleware it ignores the browser's Accept-Language: many officials use
    a browser set to English, and the product is Vietnamese first. The choice is the language
    cookie written by ``django.views.i18n.set_language``.
    """

    def process_request(self, request) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
