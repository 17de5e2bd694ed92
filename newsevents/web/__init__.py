"""The dashboard: static files built from web/ (npm ci && npm run build) and shipped here."""
