/* rtfrac: numbers as text, the same way in every output format.
 *
 * Two rules, shared by every command and by programs that link the library:
 * - shortest: the text that reads back as the same double, tried at 15, 16
 *   and then 17 significant digits ("%.15g", "%.16g", "%.17g", the first
 *   that round-trips): 55 is "55", 0.1 is "0.1", 55/22*1.0 is "2.5",
 *   56.281818181818174 needs 17 digits;
 * - fixed: `decimals` decimals, rounded half away from zero on the shortest
 *   decimal (2.385 gives 2.39 although its binary value is
 *   2.38499999999999996; 90.625 gives 90.63 where printf's ties-to-even
 *   would give 90.62).  Where more digits are asked for than the shortest
 *   decimal has and the value is 10^(13 - decimals) or more, the digits
 *   after it are those of the binary value, as printf's "%.*f" gives them
 *   (63.1255 at 15 decimals is 63.125500000000002, 1998.723875 at 13 is
 *   1998.7238749999999); both texts read back as the same double.
 * Both are computed with one "%.16e" conversion (17 significant digits,
 * correctly rounded by the C library), from which the 15- and 16-digit
 * roundings are derived exactly (a digit string that ends in a tie at the
 * 17th digit, where deriving would round twice, is converted again), and
 * at most three checked reads back.  The text never depends on the
 * process locale: '.' is the decimal point.  Never "-0".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_FMT_H
#define RTFRAC_FMT_H

#include <stddef.h>

#include "rtfrac/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Room for any text these functions write (a fixed number of the largest
 * double with 15 decimals: 309 digits, sign, point, 15 decimals). */
#define RTFRAC_FMT_MAX 400

/* The shortest text of `value` as described above, into buf (size bytes,
 * at least 32; RTFRAC_FMT_MAX always fits).  A value that is not finite is
 * written as "nan", "inf" or "-inf" (callers refuse them before printing).
 * Returns the length written, or -1 when size is too small. */
RTFRAC_API int rtfrac_fmt_shortest(char *buf, size_t size, double value);

/* `value` with `decimals` decimals (0 to 15), rounded half away from zero on
 * the shortest decimal; "-0.00" is written "0.00".  Returns the length, or
 * -1 when decimals is out of range or size is too small. */
RTFRAC_API int rtfrac_fmt_fixed(char *buf, size_t size, double value, int decimals);

#ifdef __cplusplus
}
#endif

#endif /* RTFRAC_FMT_H */
