"""What the pages show, as plain values for their templates (view models), and the store
queries that gather them. Kept apart from the route handlers (:mod:`..pages`), which only
parse the request, build the map and render."""
