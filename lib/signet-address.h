/* signet-address.h: e-mail address comparison (RFC 2632 section 3).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns the comparison key of @address: the local part case-folded (as
 * RFC 2632 section 3 and common practice ask: mailbox local parts are
 * compared case-insensitively) and the domain converted to lower-case
 * A-labels (IDNA2008 via libidn2, so "bücher.example" and
 * "xn--bcher-kva.example" are equal). NULL when @address is not an address. */
char *signet_address_normalize (const char *address);

gboolean signet_address_equal (const char *a, const char *b);

/* TRUE when @address equals one of @list (signet_address_equal());
 * @matched_out, if not NULL, receives that entry of @list. */
gboolean signet_address_list_contains (const char *const *list,
                                       const char *address,
                                       const char **matched_out);

G_END_DECLS
