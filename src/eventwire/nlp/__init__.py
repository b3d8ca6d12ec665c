"""The spaCy pipeline: the registry's English model with our gazetteers as an EntityRuler."""

from eventwire.nlp.chunks import split_text
from eventwire.nlp.load import load_nlp

__all__ = ["load_nlp", "split_text"]
