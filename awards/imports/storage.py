"""Where the award-history import keeps an upload between the preview and the confirmation
(``common.imports.storage`` with this namespace): ``MEDIA_ROOT/awards/imports/<user id>/``, the
tokens under the session key "awards_history_imports", at most five pending per session."""

from common.imports.storage import UploadNamespace

HISTORY_UPLOADS = UploadNamespace(session_key="awards_history_imports", folder="awards/imports")
