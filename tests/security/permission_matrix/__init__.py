"""The permission matrix of the portal: a shared world of objects and one row per URL."""
