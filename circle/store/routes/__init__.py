"""The store's API, one router per resource."""
