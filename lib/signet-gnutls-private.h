/* signet-gnutls-private.h: automatic cleanups for GnuTLS handles.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <gnutls/gnutls.h>
#include <gnutls/abstract.h>
#include <gnutls/pkcs7.h>
#include <gnutls/x509.h>
#include <gnutls/x509-ext.h>

static inline void
_signet_datum_clear (gnutls_datum_t *d)
{
  gnutls_free (d->data);
  d->size = 0;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (gnutls_datum_t, _signet_datum_clear)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_crt_t, gnutls_x509_crt_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_crl_t, gnutls_x509_crl_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_pkcs7_t, gnutls_pkcs7_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_pubkey_t, gnutls_pubkey_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_subject_alt_names_t, gnutls_subject_alt_names_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_name_constraints_t, gnutls_x509_name_constraints_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_crl_dist_points_t, gnutls_x509_crl_dist_points_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_policies_t, gnutls_x509_policies_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_key_purposes_t, gnutls_x509_key_purpose_deinit, NULL)

/* A GBytes copy of a datum (the datum keeps its own memory). */
static inline GBytes *
_signet_bytes_from_datum (const gnutls_datum_t *d)
{
  return g_bytes_new (d->data, d->size);
}

/* A datum that points into @bytes (no copy; valid while @bytes lives). */
static inline gnutls_datum_t
_signet_datum_from_bytes (GBytes *bytes)
{
  gsize len = 0;
  gnutls_datum_t d;

  d.data = (unsigned char *) g_bytes_get_data (bytes, &len);
  d.size = (unsigned int) len;
  return d;
}
