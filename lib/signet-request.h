/* signet-request.h: the message that asks a correspondent for their
 * certificate (RFC 2632 section 4), carrying the user's own chain.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

#include "signet-certificate.h"
#include "signet-store.h"

G_BEGIN_DECLS

/* Limits of this module. */
#define SIGNET_REQUEST_MAX_KEY_FILE_SIZE (256 * 1024) /* bytes of a key file */

/**
 * SignetRequestOptions:
 * @from: the user's address (From)
 * @to: the correspondent's address (To)
 * @certificate: (nullable): the user's certificate; %NULL to choose one of
 *   the store's for @from (see signet_request_choose_certificate())
 * @time: the time used to choose a valid certificate and for the Date
 *   header (Unix seconds)
 * @key_file: (nullable): a private key (PEM or DER, PKCS #1, PKCS #8 or
 *   PKCS #12) matching the certificate: the request is then a signed
 *   message (multipart/signed)
 * @key_password: (nullable): the key file's password
 *
 * What a certificate request is made of (the caller owns everything).
 */
typedef struct
{
  const char *from;
  const char *to;
  SignetCertificate *certificate;
  gint64 time;
  const char *key_file;
  const char *key_password;
} SignetRequestOptions;

void signet_request_options_init (SignetRequestOptions *options, gint64 time);

SignetCertificate *signet_request_choose_certificate (
    SignetStore *store, const char *address, const char *fingerprint, gint64 time, GError **error);
GPtrArray *
signet_request_collect_chain (SignetStore *store, SignetCertificate *certificate, gint64 time);
char *signet_request_explanation (const char *from, const char *to);
GBytes *
signet_request_build (SignetStore *store, const SignetRequestOptions *options, GError **error);

G_END_DECLS
