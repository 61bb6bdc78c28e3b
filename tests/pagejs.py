"""Scripts the browser tests run in a page, shared by more than one test module."""

# Every table of the article: how many, the page's width, what inside a table scrolls
# sideways, and how many body cells stand off the screen.
TABLES_READ_WHOLE_JS = """() => {
      const tables = [...document.querySelectorAll('article table')];
      const inside = tables.flatMap(t => [t, t.parentElement, ...t.querySelectorAll('tbody, tr, th, td')]);
      return {tables: tables.length, page: document.scrollingElement.scrollWidth,
              scrollers: inside.filter(el => el.scrollWidth > el.clientWidth + 1
                                       && getComputedStyle(el).overflowX !== 'visible').map(el => el.tagName),
              outside: tables.flatMap(t => [...t.querySelectorAll('tbody th, tbody td')]).filter(c => {
                const r = c.getBoundingClientRect(); return r.width > 0 && (r.left < 0 || r.right > innerWidth + 0.5); }).length};
    }"""
