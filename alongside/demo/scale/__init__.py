"""A large synthetic community (make_community): members through demo.generate, then content
written with PostgreSQL COPY in chunks, counters computed while generating so they match."""
