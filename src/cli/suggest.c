/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "suggest.h"

#include <stdio.h>
#include <string.h>

/* Names longer than this are not compared (no preset id is near it). */
enum { NAME_MAX_LEN = 64 };

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Damerau-Levenshtein distance (optimal string alignment), case-insensitive. */
static size_t distance(const char *a, size_t na, const char *b, size_t nb)
{
    size_t d[NAME_MAX_LEN + 1][NAME_MAX_LEN + 1];
    for (size_t i = 0; i <= na; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= nb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= na; i++)
        for (size_t j = 1; j <= nb; j++) {
            size_t cost = lower(a[i - 1]) != lower(b[j - 1]);
            size_t v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v)
                v = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) && lower(a[i - 2]) == lower(b[j - 1]) &&
                d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    return d[na][nb];
}

static int starts_with_ci(const char *s, const char *prefix)
{
    for (; *prefix != '\0'; s++, prefix++)
        if (lower(*s) != lower(*prefix))
            return 0;
    return 1;
}

void suggest_init(suggest *s, const char *typed)
{
    memset(s, 0, sizeof(*s));
    s->typed = typed;
}

static void consider(suggest *s, const char *compared, const char *name)
{
    size_t nt = strlen(s->typed), nc = strlen(compared);
    if (nt == 0 || nt > NAME_MAX_LEN || nc > NAME_MAX_LEN)
        return;
    size_t score = distance(s->typed, nt, compared, nc);
    if (score > 1 && nt >= 2 && starts_with_ci(compared, s->typed))
        score = 1;
    size_t limit = nt <= 3 ? 1 : nt <= 6 ? 2 : 3;
    if (score > limit)
        return;
    for (size_t i = 0; i < s->n; i++) {
        if (strcmp(s->names[i], name) != 0)
            continue;
        if (s->scores[i] <= score)
            return;
        /* nearer through an alias: take it out, to go in further up */
        s->n--;
        memmove(&s->names[i], &s->names[i + 1], (s->n - i) * sizeof(s->names[0]));
        memmove(&s->scores[i], &s->scores[i + 1], (s->n - i) * sizeof(s->scores[0]));
        break;
    }
    size_t at = s->n;
    while (at > 0 && s->scores[at - 1] > score)
        at--;
    if (at == SUGGEST_MAX)
        return;
    size_t last = s->n < SUGGEST_MAX ? s->n : SUGGEST_MAX - 1;
    memmove(&s->names[at + 1], &s->names[at], (last - at) * sizeof(s->names[0]));
    memmove(&s->scores[at + 1], &s->scores[at], (last - at) * sizeof(s->scores[0]));
    s->names[at] = name;
    s->scores[at] = score;
    if (s->n < SUGGEST_MAX)
        s->n++;
}

void suggest_add(suggest *s, const char *candidate)
{
    consider(s, candidate, candidate);
}

void suggest_add_alias(suggest *s, const char *alias, const char *name)
{
    consider(s, alias, name);
}

void suggest_add_presets(suggest *s, const rtfrac_presets *p, rtfrac_preset_kind kind)
{
    size_t n = rtfrac_presets_count(p, kind);
    for (size_t i = 0; i < n; i++) {
        const char *id = NULL;
        switch (kind) {
        case RTFRAC_PRESET_TISSUE: id = rtfrac_presets_tissue(p, i)->id; break;
        case RTFRAC_PRESET_SCHEME: id = rtfrac_presets_scheme(p, i)->id; break;
        case RTFRAC_PRESET_PLAN: id = rtfrac_presets_plan(p, i)->id; break;
        case RTFRAC_PRESET_CONSTRAINTS: id = rtfrac_presets_constraint_set(p, i)->id; break;
        case RTFRAC_PRESET_NTCP: id = rtfrac_presets_ntcp(p, i)->id; break;
        case RTFRAC_PRESET_ISOTOPE: id = rtfrac_presets_isotope(p, i)->id; break;
        default: return;
        }
        suggest_add(s, id);
    }
}

void suggest_hint(const suggest *s, const char *prefix)
{
    if (s->n == 0)
        return;
    fputs("hint: did you mean ", stderr);
    for (size_t i = 0; i < s->n; i++)
        fprintf(stderr, "%s'%s%s'", i == 0 ? "" : i + 1 == s->n ? " or " : ", ", prefix, s->names[i]);
    fputs("?\n", stderr);
}

void suggest_preset_hint(const rtfrac_presets *p, rtfrac_preset_kind kind, const char *typed)
{
    suggest s;
    suggest_init(&s, typed);
    suggest_add_presets(&s, p, kind);
    suggest_hint(&s, kind == RTFRAC_PRESET_SCHEME ? "@" : "");
}
