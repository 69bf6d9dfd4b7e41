/* signet-error.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-error.h"

G_DEFINE_QUARK (signet-error-quark, signet_error)
