"""Pages, one module each. A view finds the user's scope, asks a page builder in
:mod:`thrive.summaries` for a view model holding only what that scope may see, and renders it;
it never computes a measure itself."""
