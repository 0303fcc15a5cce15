"""How intent files become `Content`, one layer per module.

- `model`: the data (Kind, Intent with the lines it was read from, SourceDocument, Content).
- `yaml_reader`: the safe YAML reader (libyaml in C) that keeps line numbers and refuses
  bombs and deep nesting.
- `schema`: what one file and one intent may hold, checked item by item.
- `checks`: the checks across files (duplicate ids, related ids, shared patterns, the
  article and the figures quoted from it).
- `cache`: each file's result remembered by its bytes, in memory (reload parses only what
  changed) and on disk (the next start parses nothing unchanged).
- `phrasings`: which phrasings of an intent grown by thousands are worth indexing.

`bot.intents` is the public face: `load_content` and `check_content` run these in order.
"""
