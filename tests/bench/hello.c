/* The start-up baseline of make bench: a C hello world built by the same
 * Makefile with the same flags as rtfrac.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>

int main(void)
{
    puts("hello, world");
    return 0;
}
