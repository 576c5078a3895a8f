"""Reports for editors: what people changed in machine drafts."""
