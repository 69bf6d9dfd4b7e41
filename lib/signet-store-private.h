/* signet-store-private.h: test hooks of SignetStore, and the CRL entry
 * iterator it needs from signet-crl.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "signet-store.h"

G_BEGIN_DECLS

/* Test hook: caps the database at @pages pages (PRAGMA max_page_count), so
 * that tests can make the store "run out of disk space". 0 restores the
 * SQLite default. */
gboolean signet_store_set_max_page_count_for_testing (SignetStore *self,
                                                      guint pages,
                                                      GError **error);

/* Test hook: runs PRAGMA integrity_check and returns its first row ("ok"
 * for a sound database). */
char *signet_store_check_integrity_for_testing (SignetStore *self, GError **error);

/* Test hook: the query plan SQLite chooses for the revocation lookup, to
 * show that it is an index search. */
char *signet_store_explain_revocation_query_for_testing (SignetStore *self);

/* The CRL entry iterator requested from signet-crl.h. Until signet-crl.c
 * defines it, the declaration is weak and the store walks the
 * revokedCertificates itself (see signet-store.c). The typedef repeats the
 * one requested for signet-crl.h; C11 allows identical typedefs. */
typedef void (*SignetCrlEntryFunc) (GBytes *serial,
                                    const SignetCrlEntry *entry,
                                    gpointer user_data);
void signet_crl_foreach_entry (SignetCrl *self,
                               SignetCrlEntryFunc func,
                               gpointer user_data) __attribute__ ((weak));

G_END_DECLS
