/* signet-certificate-private.h: certificate internals shared inside the library.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gnutls/abstract.h>
#include <gnutls/x509.h>

#include "signet-certificate.h"

G_BEGIN_DECLS

/* The value of the first extension with @oid, as
 * gnutls_x509_crt_get_extension_by_oid2 (crt, oid, 0, value, critical)
 * would give it (TRUE where that returns >= 0), from the list read once.
 * @value is GnuTLS-allocated: free it with gnutls_free(). */
/* The same with gnutls_x509_crt_get_extension_by_oid2()'s return code:
 * 0, GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE when absent (or empty), or
 * another negative code when GnuTLS's scan would fail before finding it
 * (GNUTLS_E_ASN1_DER_ERROR, or the code of reading the value). */
int _signet_certificate_get_extension_by_oid (SignetCertificate *self,
                                              const char *oid,
                                              gnutls_datum_t *value,
                                              unsigned int *critical);

gboolean _signet_certificate_get_extension (SignetCertificate *self,
                                            const char *oid,
                                            gnutls_datum_t *value,
                                            unsigned int *critical);

/* The subject key, imported once (NULL when GnuTLS cannot import it);
 * transfer none, shared: only for GnuTLS calls that read it. */
gnutls_pubkey_t _signet_certificate_get_pubkey (SignetCertificate *self);

/* Bounds of the shared cache of parsed certificates: entries, the sum of
 * their DER sizes, and the largest DER kept. A parsed certificate holds
 * GnuTLS's tree, which for a crafted one (thousands of RDNs) is a hundred
 * times its DER: the byte budgets bound what a message can pin. */
#define SIGNET_CERTIFICATE_SHARED_CACHE_SIZE 512
#define SIGNET_CERTIFICATE_SHARED_CACHE_BYTES (1024 * 1024)
#define SIGNET_CERTIFICATE_SHARED_MAX_DER 8192

/* A hash of a DER encoding held in a GBytes (for GHashTable keys). */
guint _signet_der_hash (gconstpointer der);

/* The certificate whose DER is @der, parsed once and then shared from a
 * bounded process-wide cache (SignetCertificate is immutable and
 * thread-safe); NULL when @der does not parse. Transfer full. For the
 * library's own reads of certificates it meets again and again: those of
 * CMS objects, of the store's rows, of anchor and certificate files. */
SignetCertificate *_signet_certificate_new_shared (GBytes *der);

/* Empties that cache. */
void _signet_certificate_clear_shared (void);

G_END_DECLS
