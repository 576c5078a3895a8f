"""Translation memory, the glossary, and the suggestions they make."""
