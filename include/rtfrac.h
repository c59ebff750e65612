/* rtfrac: radiotherapy dose-fractionation calculator library.
 * Umbrella header: includes every public module header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_H
#define RTFRAC_H

#include "rtfrac/common.h"
#include "rtfrac/num.h"
#include "rtfrac/fmt.h"
#include "rtfrac/lq.h"
#include "rtfrac/rx.h"
#include "rtfrac/preset.h"
#include "rtfrac/iso.h"
#include "rtfrac/model.h"
#include "rtfrac/uncertainty.h"
#include "rtfrac/row.h"
#include "rtfrac/dvh.h"
#include "rtfrac/constraint.h"
#include "rtfrac/reirr.h"
#include "rtfrac/plan_eval.h"
#include "rtfrac/table.h"
#include "rtfrac/brachy.h"
#include "rtfrac/ldr.h"
#include "rtfrac/gap.h"
#include "rtfrac/array.h"
#include "rtfrac/batch.h"

#endif /* RTFRAC_H */
