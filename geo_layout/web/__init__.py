"""The thin HTTP layer: parse and check the request, call ``data`` / ``maps``, render."""

from __future__ import annotations


def blueprints() -> list:
    """Every blueprint of the service, in registration order (one module per concern)."""
    from . import (api, areas_edit, assets, auth, data_page, downloads, editor, embed, exports,
                   health, history, imports_page, ogc, ogc_write, pages, photos, plans,
                   progress_map, progress_page, tiles)
    from . import report_export

    # ogc_write before ogc: its OPTIONS answers (Allow for editors) come first
    return [health.bp, tiles.bp, assets.bp, api.bp, ogc_write.bp, ogc.bp, pages.bp, data_page.bp,
            downloads.bp, exports.bp, embed.bp, plans.bp, auth.bp, history.bp, editor.bp,
            areas_edit.bp, photos.bp, imports_page.bp, progress_map.bp,
            report_export.bp, progress_page.bp]
