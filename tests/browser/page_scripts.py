"""Scripts the browser tests evaluate in a map page, shared by the test modules."""

#: The page's map bounds as [west, south, east, north].
MAP_BOUNDS = """() => {
    const m = window[document.querySelector('.gl-map').id];
    const b = m.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
}"""
