/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading a DVH file (see include/rtfrac/dvh.h): load it into lines
 * (dvh_util.c), find its format when the caller did not name one, and hand
 * it to that format's reader, one file each: dvh_read_generic.c,
 * dvh_read_eclipse.c, dvh_read_oncentra.c, dvh_read_slicerrt.c,
 * dvh_read_raystation.c, dvh_read_tomotherapy.c, dvh_read_onkodicom.c and
 * dvh_read_dicomtools.c. */
#include "rtfrac/dvh.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dvh_int.h"
#include "util_int.h"

/* How far down the file the marks of a format are looked for. */
#define DETECT_LINES 40

typedef struct dvh_format {
    rtfrac_dvh_format format;
    const char *name;
    int (*detect)(const char *line, dvh_int_where where);
    int (*read)(dvh_int_reader *r);
} dvh_format;

/* In the order the formats are asked about a line: a SlicerRT or a
 * TomoTherapy header would also pass for a generic one, so generic comes
 * last. */
static const dvh_format formats[] = {
    { RTFRAC_DVH_FORMAT_ECLIPSE, "eclipse", dvh_int_eclipse_detect, dvh_int_eclipse_read },
    { RTFRAC_DVH_FORMAT_RAYSTATION, "raystation", dvh_int_raystation_detect,
      dvh_int_raystation_read },
    { RTFRAC_DVH_FORMAT_TOMOTHERAPY, "tomotherapy", dvh_int_tomotherapy_detect,
      dvh_int_tomotherapy_read },
    { RTFRAC_DVH_FORMAT_ONKODICOM, "onkodicom", dvh_int_onkodicom_detect,
      dvh_int_onkodicom_read },
    { RTFRAC_DVH_FORMAT_DICOMTOOLS, "dicomtools", dvh_int_dicomtools_detect,
      dvh_int_dicomtools_read },
    { RTFRAC_DVH_FORMAT_ONCENTRA, "oncentra", dvh_int_oncentra_detect, dvh_int_oncentra_read },
    { RTFRAC_DVH_FORMAT_SLICERRT, "slicerrt", dvh_int_slicerrt_detect, dvh_int_slicerrt_read },
    { RTFRAC_DVH_FORMAT_GENERIC, "generic", dvh_int_generic_detect, dvh_int_generic_read },
};

#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

static const dvh_format *format_of(rtfrac_dvh_format format)
{
    for (size_t i = 0; i < NFORMATS; i++)
        if (formats[i].format == format)
            return &formats[i];
    return NULL;
}

/* The first format that recognises `line` at `where`, or NULL. */
static const dvh_format *recognise(const char *line, dvh_int_where where)
{
    line = dvh_int_skip_space(line);
    for (size_t i = 0; i < NFORMATS; i++)
        if (formats[i].detect(line, where))
            return &formats[i];
    return NULL;
}

/* ---- detection ------------------------------------------------------------ */

static int refuse(dvh_int_reader *r, unsigned line, const char *what)
{
    return dvh_int_fail(r, line,
                        "unsupported format: %s; expected a generic CSV/TSV DVH, an Eclipse, Oncentra, SlicerRT DVH table, RayStation, TomoTherapy, OnkoDICOM or dicom_tools WriteDVH export",
                        what);
}

/* Exports that are known and not read are named in the refusal rather than
 * met with "unrecognised".  `header` is the first line that is neither
 * blank nor a comment (r->nlines if none). */
static int refuse_known(dvh_int_reader *r, size_t header)
{
    if (header < r->nlines) {
        const char *hl = dvh_int_skip_space(r->lines[header]);
        if (util_int_starts_ci(hl, "Structure,") && dvh_int_find_last_ci(hl, "Mean dose") != NULL)
            return refuse(r, dvh_int_line_no(header),
                          "SlicerRT DVH metrics table (statistics, no curves)");
    }
    return RTFRAC_OK;
}

/* The formats are asked, in table order, about the first line, then about
 * each of the first DETECT_LINES lines in turn, then (once the exports that
 * are known and refused are ruled out) about the header line. */
static int detect(dvh_int_reader *r, rtfrac_dvh_format *format)
{
    size_t first = 0;
    while (first < r->nlines && dvh_int_is_blank_line(r->lines[first]))
        first++;
    if (first == r->nlines)
        return dvh_int_fail(r, 1, "the file is empty; expected a DVH export");
    const dvh_format *f = recognise(r->lines[first], DVH_INT_FIRST_LINE);
    for (size_t i = first; f == NULL && i < r->nlines && i < first + DETECT_LINES; i++)
        f = recognise(r->lines[i], DVH_INT_EARLY_LINE);
    if (f == NULL) {
        size_t h = first;
        while (h < r->nlines &&
               (dvh_int_is_blank_line(r->lines[h]) || *dvh_int_skip_space(r->lines[h]) == '#'))
            h++;
        int rc = refuse_known(r, h);
        if (rc != RTFRAC_OK)
            return rc;
        if (h == r->nlines)
            return dvh_int_fail(r, dvh_int_line_no(r->nlines - 1),
                                "no header line; expected a header naming the columns, e.g. 'Dose [Gy],Volume [%%]'");
        f = recognise(r->lines[h], DVH_INT_HEADER_LINE);
    }
    if (f == NULL)
        return dvh_int_fail(r, dvh_int_line_no(first),
                            "unrecognised DVH file; expected a generic CSV/TSV with a header such as 'Dose [Gy],Volume [%%]', an Eclipse ('Patient Name :'), Oncentra ('Absolute Dose - [Gy]'), SlicerRT DVH table, RayStation ('#RoiName:'), TomoTherapy ('<name>(STANDARD)'), OnkoDICOM ('Patient ID,ROI,') or dicom_tools WriteDVH ('(volume: <cc>)') export");
    *format = f->format;
    return RTFRAC_OK;
}

/* ---- public ----------------------------------------------------------------- */

void rtfrac_dvh_set_free(rtfrac_dvh_set *set)
{
    if (set == NULL)
        return;
    for (size_t i = 0; i < set->n; i++) {
        free(set->dvhs[i].dose_gy);
        free(set->dvhs[i].volume);
    }
    free(set->dvhs);
    free(set->unread); /* their points were freed when they were set aside */
    free(set);
}

void rtfrac_dvh_read_options_init(rtfrac_dvh_read_options *options)
{
    assert(options != NULL);
    memset(options, 0, sizeof(*options));
    options->format = RTFRAC_DVH_FORMAT_AUTO;
    options->has_dose_unit = 0;
    options->gy_per_unit = 1.0;
}

int rtfrac_dvh_dose_unit_parse(const char *text, double *gy_per_unit)
{
    assert(text != NULL && gy_per_unit != NULL);
    size_t n = strlen(text);
    if (util_int_equal_ci(text, n, "Gy"))
        *gy_per_unit = 1.0;
    else if (util_int_equal_ci(text, n, "cGy"))
        *gy_per_unit = 0.01;
    else
        return RTFRAC_EINVAL;
    return RTFRAC_OK;
}

int rtfrac_dvh_read(const char *path, rtfrac_dvh_format format, rtfrac_dvh_set **out,
                    rtfrac_diag *diag)
{
    rtfrac_dvh_read_options options;
    rtfrac_dvh_read_options_init(&options);
    options.format = format;
    return rtfrac_dvh_read_with(path, &options, out, diag);
}

/* A caller's limit may only lower the library's. */
static size_t limit_of(size_t asked, size_t max) { return asked == 0 || asked > max ? max : asked; }

int rtfrac_dvh_read_with(const char *path, const rtfrac_dvh_read_options *options,
                         rtfrac_dvh_set **out, rtfrac_diag *diag)
{
    assert(path != NULL && out != NULL);
    rtfrac_dvh_read_options defaults;
    if (options == NULL) {
        rtfrac_dvh_read_options_init(&defaults);
        options = &defaults;
    }
    rtfrac_dvh_format format = options->format;
    dvh_int_reader r;
    memset(&r, 0, sizeof(r));
    r.path = path;
    r.diag = diag;
    r.options = options;
    r.file_bytes_max = limit_of(options->file_bytes_max, RTFRAC_DVH_FILE_BYTES_MAX);
    r.lines_max = limit_of(options->lines_max, RTFRAC_DVH_LINES_MAX);
    r.structures_max = limit_of(options->structures_max, RTFRAC_DVH_STRUCTURES_MAX);
    if (diag != NULL)
        rtfrac_diag_clear(diag);
    if (options->has_dose_unit && !(isfinite(options->gy_per_unit) && options->gy_per_unit > 0.0))
        return dvh_int_report(&r, RTFRAC_EINVAL, 0, 0,
                              "dose unit of %g Gy; expected a finite number of Gy above 0 (1 for Gy, 0.01 for cGy)",
                              options->gy_per_unit);

    int rc = dvh_int_reader_load(&r);
    if (rc == RTFRAC_OK) {
        r.set = calloc(1, sizeof(*r.set));
        if (r.set == NULL)
            rc = dvh_int_no_memory(&r, 0);
    }
    if (rc == RTFRAC_OK) {
        snprintf(r.set->file, sizeof(r.set->file), "%s", path);
        if (format == RTFRAC_DVH_FORMAT_AUTO)
            rc = detect(&r, &format);
    }
    if (rc == RTFRAC_OK) {
        const dvh_format *f = format_of(format);
        r.set->format = format;
        if (f != NULL)
            rc = f->read(&r);
        else
            rc = dvh_int_report(&r, RTFRAC_EINVAL, 0, 0, "unknown DVH format %d", (int)format);
    }
    if (rc == RTFRAC_OK && r.set->n == 0 && r.broken_line > 0)
        rc = dvh_int_fail(&r, r.broken_line, "%s", r.broken_message);
    else if (rc == RTFRAC_OK && r.set->n == 0)
        rc = dvh_int_fail(&r, r.nlines > 0 ? dvh_int_line_no(r.nlines - 1) : 1,
                          "no DVH curve in the file (every structure is empty); expected at least one structure with rows");

    dvh_int_reader_release(&r);
    if (rc != RTFRAC_OK) {
        rtfrac_dvh_set_free(r.set);
        return rc;
    }
    *out = r.set;
    return RTFRAC_OK;
}

const char *rtfrac_dvh_format_name(rtfrac_dvh_format format)
{
    if (format == RTFRAC_DVH_FORMAT_AUTO)
        return "auto";
    const dvh_format *f = format_of(format);
    return f != NULL ? f->name : ""; /* "" for an unknown value, as every _name */
}

int rtfrac_dvh_format_parse(const char *name, rtfrac_dvh_format *format)
{
    assert(format != NULL);
    if (name == NULL)
        return RTFRAC_EINVAL;
    size_t n = strlen(name);
    if (util_int_equal_ci(name, n, "auto")) {
        *format = RTFRAC_DVH_FORMAT_AUTO;
        return RTFRAC_OK;
    }
    for (size_t i = 0; i < NFORMATS; i++) {
        if (util_int_equal_ci(name, n, formats[i].name)) {
            *format = formats[i].format;
            return RTFRAC_OK;
        }
    }
    return RTFRAC_EINVAL;
}
