// Reader-visible text of an HTML document, walked over libxml2's tree. The rules are listed in the
// README ("HTML input"); each table below is one of them.
#include "WebShim.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

enum kind { K_INLINE = 0, K_BLOCK, K_CELL, K_BREAK, K_PRE, K_DROP, K_TITLE };

struct tag {
    const char *name;
    enum kind kind;
};

// Sorted by name for bsearch. Elements not listed are inline: their text joins the paragraph.
static const struct tag tags[] = {
    {"address", K_BLOCK},  {"article", K_BLOCK},   {"aside", K_DROP},      {"audio", K_DROP},
    {"blockquote", K_BLOCK}, {"body", K_BLOCK},    {"br", K_BREAK},        {"button", K_DROP},
    {"canvas", K_DROP},    {"caption", K_BLOCK},   {"center", K_BLOCK},    {"datalist", K_DROP},
    {"dd", K_BLOCK},       {"details", K_BLOCK},   {"dialog", K_BLOCK},    {"dir", K_BLOCK},
    {"div", K_BLOCK},      {"dl", K_BLOCK},        {"dt", K_BLOCK},        {"embed", K_DROP},
    {"fieldset", K_BLOCK}, {"figcaption", K_BLOCK}, {"figure", K_BLOCK},   {"footer", K_DROP},
    {"form", K_DROP},      {"h1", K_BLOCK},        {"h2", K_BLOCK},        {"h3", K_BLOCK},
    {"h4", K_BLOCK},       {"h5", K_BLOCK},        {"h6", K_BLOCK},        {"head", K_DROP},
    {"header", K_DROP},    {"hgroup", K_BLOCK},    {"hr", K_BLOCK},        {"html", K_BLOCK},
    {"iframe", K_DROP},    {"input", K_DROP},      {"legend", K_BLOCK},    {"li", K_BLOCK},
    {"main", K_BLOCK},     {"math", K_DROP},       {"menu", K_BLOCK},      {"nav", K_DROP},
    {"noscript", K_DROP},  {"object", K_DROP},     {"ol", K_BLOCK},        {"optgroup", K_DROP},
    {"option", K_DROP},    {"p", K_BLOCK},         {"pre", K_PRE},         {"script", K_DROP},
    {"section", K_BLOCK},  {"select", K_DROP},     {"style", K_DROP},      {"summary", K_BLOCK},
    {"svg", K_DROP},       {"table", K_BLOCK},     {"tbody", K_BLOCK},     {"td", K_CELL},
    {"template", K_DROP},  {"textarea", K_DROP},   {"tfoot", K_BLOCK},     {"th", K_CELL},
    {"thead", K_BLOCK},    {"title", K_TITLE},     {"tr", K_BLOCK},        {"ul", K_BLOCK},
    {"video", K_DROP},
};

static int tag_cmp(const void *key, const void *elem) {
    return strcmp((const char *)key, ((const struct tag *)elem)->name);
}

static enum kind classify(const xmlNode *n) {
    if (n->name == NULL) return K_INLINE;
    const struct tag *t = bsearch(n->name, tags, sizeof tags / sizeof tags[0], sizeof tags[0], tag_cmp);
    return t ? t->kind : K_INLINE;
}

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

// Whether `value` (an attribute's text) equals `word`, ignoring ASCII case and surrounding spaces.
static bool equals_word(const xmlChar *value, const char *word) {
    const xmlChar *p = value;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f') p++;
    size_t n = strlen(word);
    for (size_t i = 0; i < n; i++, p++) {
        if (lower(*p) != word[i]) return false;
    }
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f') p++;
    return *p == 0;
}

// Whether a style attribute holds display:none or visibility:hidden (spaces and case ignored).
static bool style_hides(const xmlChar *style) {
    char buf[512];
    size_t k = 0;
    for (const xmlChar *p = style; *p && k + 1 < sizeof buf; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f') continue;
        buf[k++] = (char)lower(*p);
    }
    buf[k] = 0;
    return strstr(buf, "display:none") != NULL || strstr(buf, "visibility:hidden") != NULL;
}

// The attribute's value when it is one text node (the HTML parser's shape), else "".
static const xmlChar *attr_value(const xmlAttr *a) {
    if (a->children && a->children->type == XML_TEXT_NODE && a->children->content) return a->children->content;
    return (const xmlChar *)"";
}

static bool hidden(const xmlNode *n) {
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        const char *name = (const char *)a->name;
        if (strcmp(name, "hidden") == 0) return true;
        if (strcmp(name, "aria-hidden") == 0 && equals_word(attr_value(a), "true")) return true;
        if (strcmp(name, "style") == 0 && style_hides(attr_value(a))) return true;
    }
    return false;
}

struct out {
    uint8_t *buf;
    size_t len, cap;
    bool at_line_start; // nothing written since the last line end (or at all)
    bool pending_space; // collapsed white space waiting for the next visible character
    bool failed;
};

static void put(struct out *o, uint8_t c) {
    if (o->failed) return;
    if (o->len == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 4096;
        uint8_t *b = realloc(o->buf, cap);
        if (!b) {
            o->failed = true;
            return;
        }
        o->buf = b;
        o->cap = cap;
    }
    o->buf[o->len++] = c;
}

static bool html_space(uint8_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Text outside <pre>: runs of HTML white space become one space, none at a line's start or end.
static void text(struct out *o, const xmlChar *s) {
    for (; *s; s++) {
        if (html_space(*s)) {
            if (!o->at_line_start) o->pending_space = true;
            continue;
        }
        if (o->pending_space) put(o, ' ');
        o->pending_space = false;
        o->at_line_start = false;
        put(o, *s);
    }
}

// Text inside <pre>: kept as written, CR LF and CR as LF.
static void pre_text(struct out *o, const xmlChar *s) {
    if (o->pending_space && *s) put(o, ' ');
    o->pending_space = false;
    for (; *s; s++) {
        uint8_t c = *s;
        if (c == '\r') {
            if (s[1] == '\n') continue;
            c = '\n';
        }
        put(o, c);
        o->at_line_start = c == '\n';
    }
}

static void line_end(struct out *o) {
    put(o, '\n');
    o->at_line_start = true;
    o->pending_space = false;
}

// A block's start or end: a paragraph break unless one was just written.
static void boundary(struct out *o) {
    if (!o->at_line_start) line_end(o);
    o->pending_space = false;
}

static void enter(struct out *o, enum kind k, int *pre_depth) {
    switch (k) {
    case K_BLOCK: boundary(o); break;
    case K_PRE: boundary(o); (*pre_depth)++; break;
    case K_BREAK: line_end(o); break;
    case K_CELL:
        // Cells of a row stay on the row's line, a tab apart.
        if (!o->at_line_start) put(o, '\t');
        o->pending_space = false;
        break;
    default: break;
    }
}

static void leave(struct out *o, enum kind k, int *pre_depth) {
    if (k == K_BLOCK) boundary(o);
    if (k == K_PRE) {
        (*pre_depth)--;
        boundary(o);
    }
}

// Walks the subtree below `top` (exclusive) in document order without recursion (broken markup can
// nest deeply). Dropped and hidden elements are skipped with their subtree; so are titles, which
// are written first.
static void walk(struct out *o, xmlNode *top) {
    int pre_depth = 0;
    xmlNode *n = top->children;
    while (n) {
        bool descend = false;
        if (n->type == XML_ELEMENT_NODE) {
            enum kind k = classify(n);
            if (k != K_DROP && k != K_TITLE && !hidden(n)) {
                enter(o, k, &pre_depth);
                if (n->children) descend = true;
                else leave(o, k, &pre_depth);
            }
        } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content) {
            if (pre_depth > 0) pre_text(o, n->content);
            else text(o, n->content);
        }
        if (descend) {
            n = n->children;
            continue;
        }
        while (n && !n->next) {
            n = n->parent;
            if (n == top || n == NULL) return;
            leave(o, classify(n), &pre_depth);
        }
        if (n) n = n->next;
    }
}

// The first <title> inside <head>, its text collapsed, as the first paragraph.
static void title(struct out *o, xmlNode *root) {
    for (xmlNode *h = root ? root->children : NULL; h; h = h->next) {
        if (h->type != XML_ELEMENT_NODE || strcmp((const char *)h->name, "head") != 0) continue;
        for (xmlNode *t = h->children; t; t = t->next) {
            if (t->type != XML_ELEMENT_NODE || strcmp((const char *)t->name, "title") != 0) continue;
            for (xmlNode *c = t->children; c; c = c->next) {
                if (c->type == XML_TEXT_NODE && c->content) text(o, c->content);
            }
            boundary(o);
            return;
        }
    }
}

uint8_t *assay_html_text(const uint8_t *utf8, size_t len, size_t *out_len) {
    *out_len = 0;
    if (len > 0x7fffffff) return NULL;
    // XML_PARSE_HUGE lifts libxml2's depth limit (256): without it, a page of unclosed tags nested
    // deeper gave an empty tree, and all its text was lost without a word.
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                  HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT | XML_PARSE_HUGE;
    struct out o = {NULL, 0, 0, true, false, false};
    // An empty input gives no tree: its text is empty.
    if (len == 0) {
        uint8_t *b = malloc(1);
        return b;
    }
    htmlDocPtr doc = htmlReadMemory((const char *)utf8, (int)len, NULL, "UTF-8", options);
    // With RECOVER, only running out of memory gives no tree.
    if (doc == NULL) return NULL;
    xmlNode *root = xmlDocGetRootElement(doc);
    title(&o, root);
    walk(&o, (xmlNode *)doc);
    xmlFreeDoc(doc);
    if (o.failed) {
        free(o.buf);
        return NULL;
    }
    // No trailing line end: the text ends with its last paragraph.
    while (o.len > 0 && o.buf[o.len - 1] == '\n') o.len--;
    if (o.buf == NULL) o.buf = malloc(1);
    *out_len = o.len;
    return o.buf;
}

void assay_web_free(void *p) { free(p); }
