/* signet-crl-private.h: CRL internals shared inside the library.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "signet-crl.h"

G_BEGIN_DECLS

/* The CRL whose DER is @der, parsed once and then shared from a bounded
 * process-wide cache; NULL when @der does not parse. Transfer full. */
SignetCrl *_signet_crl_new_shared (GBytes *der);

/* Empties that cache. */
void _signet_crl_clear_shared (void);

G_END_DECLS
