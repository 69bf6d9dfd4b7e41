/* signet-request.c: a certificate request message.
 *
 * Signet keeps no private keys, so the request is at least a
 * multipart/mixed message with a short explanation and a certs-only part
 * (application/pkcs7-mime; smime-type=certs-only) holding the user's
 * certificate chain; given a key file it is also signed (multipart/signed
 * around that, the signature made with gnutls_pkcs7_sign()), so that the
 * correspondent's agent learns the user's certificate from a signature, as
 * RFC 2632 section 4 suggests.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-request.h"

#include <glib/gi18n-lib.h>
#include <gmime/gmime.h>
#include <gnutls/abstract.h>
#include <gnutls/pkcs12.h>
#include <gnutls/pkcs7.h>
#include <string.h>

#include "signet-address.h"
#include "signet-certs-only.h"
#include "signet-error.h"
#include "signet-gmime-private.h"
#include "signet-gnutls-private.h"
#include "signet-limits.h"

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_privkey_t, gnutls_privkey_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_privkey_t, gnutls_x509_privkey_deinit, NULL)

/**
 * signet_request_options_init:
 * @options: (out caller-allocates): options to fill
 * @time: the current time (Unix seconds)
 *
 * Clears @options and sets its time.
 */
void
signet_request_options_init (SignetRequestOptions *options, gint64 time)
{
  g_return_if_fail (options != NULL);
  memset (options, 0, sizeof *options);
  options->time = time;
}

static gboolean
is_ca (SignetCertificate *cert)
{
  gboolean ca = FALSE;

  return signet_certificate_get_basic_constraints (cert, &ca, NULL) && ca;
}

/**
 * signet_request_choose_certificate:
 * @store: the store
 * @address: the user's address
 * @fingerprint: (nullable): a fingerprint or prefix the store resolves
 *   (signet_store_resolve_fingerprint()); %NULL to choose by @address
 * @time: the time (Unix seconds)
 * @error: return location for a #GError
 *
 * Chooses the user's certificate: the one @fingerprint names (which must
 * carry @address), else the end-entity certificate for @address valid at
 * @time with the latest notBefore.
 *
 * Returns: (transfer full): the certificate, or %NULL with
 *   %SIGNET_ERROR_FAILED (none) or another error
 */
SignetCertificate *
signet_request_choose_certificate (
    SignetStore *store, const char *address, const char *fingerprint, gint64 time, GError **error)
{
  g_autoptr (GPtrArray) found = NULL;
  SignetCertificate *best = NULL;

  g_return_val_if_fail (SIGNET_IS_STORE (store), NULL);
  g_return_val_if_fail (address != NULL, NULL);

  if (fingerprint != NULL)
    {
      g_autofree char *sha256 = signet_store_resolve_fingerprint (store, fingerprint, error);
      g_autoptr (SignetCertificate) cert = NULL;

      if (sha256 == NULL)
        return NULL;
      cert = signet_store_lookup (store, sha256, error);
      if (cert == NULL)
        return NULL;
      if (!signet_address_list_contains (signet_certificate_get_emails (cert), address, NULL))
        {
          g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                       /* Translators: %s is an e-mail address. */
                       _ ("That certificate is not for %s."), address);
          return NULL;
        }
      return g_steal_pointer (&cert);
    }

  found = signet_store_find_by_address (store, address, error);
  if (found == NULL)
    return NULL;
  for (guint i = 0; i < found->len; i++)
    {
      SignetCertificate *c = found->pdata[i];

      if (is_ca (c) || !signet_certificate_is_valid_at (c, time))
        continue;
      if (best == NULL ||
          signet_certificate_get_not_before (c) > signet_certificate_get_not_before (best))
        best = c;
    }
  if (best == NULL)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                   /* Translators: %s is an e-mail address. */
                   _ ("The store holds no valid certificate for %s: import yours first."), address);
      return NULL;
    }
  return g_object_ref (best);
}

/**
 * signet_request_collect_chain:
 * @store: (nullable): the store
 * @certificate: the user's certificate
 * @time: the time (Unix seconds), to prefer issuers valid then
 *
 * Collects the chain of @certificate from the store: each issuer is a
 * stored certificate whose subject is the issuer name and whose key
 * verifies the signature, up to a self-signed one (included) or
 * %SIGNET_MAX_PATH_LENGTH certificates.
 *
 * Returns: (transfer full) (element-type SignetCertificate): the chain,
 *   @certificate first
 */
GPtrArray *
signet_request_collect_chain (SignetStore *store, SignetCertificate *certificate, gint64 time)
{
  g_autoptr (GPtrArray) chain = g_ptr_array_new_with_free_func (g_object_unref);
  SignetCertificate *cur = certificate;

  g_return_val_if_fail (store == NULL || SIGNET_IS_STORE (store), NULL);
  g_return_val_if_fail (SIGNET_IS_CERTIFICATE (certificate), NULL);

  g_ptr_array_add (chain, g_object_ref (certificate));
  while (store != NULL && chain->len < SIGNET_MAX_PATH_LENGTH &&
         !signet_certificate_is_self_issued (cur))
    {
      g_autoptr (GPtrArray) issuers =
          signet_store_find_by_subject (store, signet_certificate_get_raw_issuer (cur), NULL);
      SignetCertificate *next = NULL;

      for (guint i = 0; issuers != NULL && i < issuers->len; i++)
        {
          SignetCertificate *c = issuers->pdata[i];
          gboolean seen = FALSE;

          for (guint k = 0; k < chain->len && !seen; k++)
            seen = signet_certificate_equal (chain->pdata[k], c);
          if (seen || !signet_certificate_verify_signed_by (cur, c))
            continue;
          if (next == NULL || (signet_certificate_is_valid_at (c, time) &&
                               !signet_certificate_is_valid_at (next, time)))
            next = c;
        }
      if (next == NULL)
        break;
      g_ptr_array_add (chain, g_object_ref (next));
      cur = next;
    }
  return g_steal_pointer (&chain);
}

/**
 * signet_request_explanation:
 * @from: the user's address
 * @to: the correspondent's address
 *
 * Returns: (transfer full): the plain-text body of a request
 */
char *
signet_request_explanation (const char *from, const char *to)
{
  return g_strdup_printf (
      /* Translators: the body of a certificate request; %s are e-mail addresses. */
      _ ("Hello,\n\n"
         "%s would like to send you encrypted e-mail at %s, but has no certificate of "
         "yours.\n\n"
         "Please answer with a signed message: your e-mail program then sends your "
         "certificate along. The attachment of this message (smime.p7c) holds the "
         "certificate of %s and the certificates of its issuers, so that you can encrypt "
         "your answer.\n"),
      from, to, from);
}

static GMimeObject *
text_part (const char *text)
{
  GMimeTextPart *part = g_mime_text_part_new_with_subtype ("plain");

  g_mime_text_part_set_text (part, text);
  g_mime_part_set_content_encoding (GMIME_PART (part), GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
  return GMIME_OBJECT (part);
}

static GMimeObject *
binary_part (const char *subtype, GBytes *data, const char *filename, const char *smime_type)
{
  GMimePart *part = g_mime_part_new_with_type ("application", subtype);
  g_autoptr (GMimeStream) content = NULL;
  GMimeDataWrapper *wrapper;

  if (smime_type != NULL)
    g_mime_object_set_content_type_parameter (GMIME_OBJECT (part), "smime-type", smime_type);
  g_mime_object_set_content_type_parameter (GMIME_OBJECT (part), "name", filename);
  g_mime_object_set_disposition (GMIME_OBJECT (part), GMIME_DISPOSITION_ATTACHMENT);
  g_mime_object_set_content_disposition_parameter (GMIME_OBJECT (part), "filename", filename);
  content =
      g_mime_stream_mem_new_with_buffer (g_bytes_get_data (data, NULL), g_bytes_get_size (data));
  wrapper = g_mime_data_wrapper_new_with_stream (content, GMIME_CONTENT_ENCODING_DEFAULT);
  g_mime_part_set_content (part, wrapper);
  g_object_unref (wrapper);
  g_mime_part_set_content_encoding (part, GMIME_CONTENT_ENCODING_BASE64);
  return GMIME_OBJECT (part);
}

static GBytes *
write_object (GMimeObject *object, GError **error)
{
  g_autoptr (GMimeFormatOptions) options = g_mime_format_options_new ();
  g_autoptr (GMimeStream) out = g_mime_stream_mem_new ();
  GByteArray *array;

  g_mime_format_options_set_newline_format (options, GMIME_NEWLINE_FORMAT_DOS);
  if (g_mime_object_write_to_stream (object, options, out) < 0)
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                           _ ("The request message cannot be written."));
      return NULL;
    }
  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (out));
  return g_bytes_new (array->data, array->len);
}

/* Loads the private key of @path (PEM or DER; PKCS #1, #8 or #12). */
static gnutls_privkey_t
load_key (const char *path, const char *password, GError **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_auto (gnutls_x509_privkey_t) x509 = NULL;
  gnutls_privkey_t key = NULL;
  gnutls_datum_t d;
  int rc;

  if (!g_file_get_contents (path, &contents, &len, NULL) || len > SIGNET_REQUEST_MAX_KEY_FILE_SIZE)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_IO,
                   /* Translators: %s is a file name. */
                   _ ("The key file “%s” cannot be read."), path);
      return NULL;
    }
  d.data = (unsigned char *) contents;
  d.size = (unsigned int) len;
  if ((rc = gnutls_x509_privkey_init (&x509)) < 0 ||
      ((rc = gnutls_x509_privkey_import2 (x509, &d, GNUTLS_X509_FMT_PEM, password, 0)) < 0 &&
       (rc = gnutls_x509_privkey_import2 (x509, &d, GNUTLS_X509_FMT_DER, password, 0)) < 0) ||
      (rc = gnutls_privkey_init (&key)) < 0 ||
      (rc = gnutls_privkey_import_x509 (key, x509, GNUTLS_PRIVKEY_IMPORT_COPY)) < 0)
    {
      if (key != NULL)
        gnutls_privkey_deinit (key);
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE,
                   /* Translators: first %s is a file name, second a technical reason. */
                   _ ("The key file “%s” holds no usable private key: %s"), path,
                   gnutls_strerror (rc));
      return NULL;
    }
  return key;
}

static gboolean
key_matches (gnutls_privkey_t key, SignetCertificate *cert)
{
  g_auto (gnutls_pubkey_t) a = NULL;
  g_auto (gnutls_pubkey_t) b = NULL;
  guint8 ida[64], idb[64];
  size_t la = sizeof ida, lb = sizeof idb;

  return gnutls_pubkey_init (&a) >= 0 && gnutls_pubkey_init (&b) >= 0 &&
         gnutls_pubkey_import_privkey (a, key, 0, 0) >= 0 &&
         gnutls_pubkey_import_x509 (b, signet_certificate_get_gnutls (cert), 0) >= 0 &&
         gnutls_pubkey_get_key_id (a, GNUTLS_KEYID_USE_SHA256, ida, &la) >= 0 &&
         gnutls_pubkey_get_key_id (b, GNUTLS_KEYID_USE_SHA256, idb, &lb) >= 0 && la == lb &&
         memcmp (ida, idb, la) == 0;
}

static GBytes *
sign_detached (gnutls_privkey_t key, GPtrArray *chain, GBytes *content, GError **error)
{
  g_auto (gnutls_pkcs7_t) p7 = NULL;
  gnutls_datum_t data = { (unsigned char *) g_bytes_get_data (content, NULL),
                          (unsigned int) g_bytes_get_size (content) };
  gnutls_datum_t out = { NULL, 0 };
  GBytes *bytes;
  int rc;

  if ((rc = gnutls_pkcs7_init (&p7)) < 0)
    goto fail;
  for (guint i = 1; i < chain->len; i++)
    if ((rc = gnutls_pkcs7_set_crt (p7, signet_certificate_get_gnutls (chain->pdata[i]))) < 0)
      goto fail;
  if ((rc = gnutls_pkcs7_sign (p7, signet_certificate_get_gnutls (chain->pdata[0]), key, &data,
                               NULL, NULL, GNUTLS_DIG_SHA256,
                               GNUTLS_PKCS7_INCLUDE_TIME | GNUTLS_PKCS7_INCLUDE_CERT)) < 0 ||
      (rc = gnutls_pkcs7_export2 (p7, GNUTLS_X509_FMT_DER, &out)) < 0)
    goto fail;
  bytes = g_bytes_new (out.data, out.size);
  gnutls_free (out.data);
  return bytes;

fail:
  g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
               /* Translators: %s is a technical reason. */
               _ ("The request cannot be signed: %s"), gnutls_strerror (rc));
  return NULL;
}

/**
 * signet_request_build:
 * @store: (nullable): the store (to choose the certificate and its chain)
 * @options: what to build
 * @error: return location for a #GError
 *
 * Builds a certificate request from @options->from to @options->to: a
 * multipart/mixed message with a short explanation and the user's chain
 * as a certs-only part; signed (multipart/signed, detached CMS signature
 * with SHA-256) when @options->key_file is given, whose key must match the
 * certificate.
 *
 * Returns: (transfer full): the message (CRLF line ends), or %NULL with
 *   @error set
 */
GBytes *
signet_request_build (SignetStore *store, const SignetRequestOptions *options, GError **error)
{
  g_autoptr (SignetCertificate) own = NULL;
  g_autoptr (GPtrArray) chain = NULL;
  g_autoptr (GBytes) p7c = NULL;
  g_autoptr (GMimeMessage) message = NULL;
  g_autoptr (GMimeObject) mixed = NULL;
  g_autoptr (GMimeObject) text = NULL;
  g_autoptr (GMimeObject) certs = NULL;
  g_autoptr (GDateTime) date = NULL;
  g_autofree char *body = NULL;
  g_autofree char *from_norm = NULL;
  g_autofree char *to_norm = NULL;

  g_return_val_if_fail (store == NULL || SIGNET_IS_STORE (store), NULL);
  g_return_val_if_fail (options != NULL && options->from != NULL && options->to != NULL, NULL);

  from_norm = signet_address_normalize (options->from);
  to_norm = signet_address_normalize (options->to);
  if (from_norm == NULL || to_norm == NULL)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE, _ ("“%s” is not an e-mail address."),
                   from_norm == NULL ? options->from : options->to);
      return NULL;
    }
  if (options->certificate != NULL)
    {
      if (!signet_address_list_contains (signet_certificate_get_emails (options->certificate),
                                         options->from, NULL))
        {
          g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                       _ ("That certificate is not for %s."), options->from);
          return NULL;
        }
      own = g_object_ref (options->certificate);
    }
  else if (store == NULL)
    {
      g_set_error_literal (
          error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
          _ ("No certificate was given and there is no store to choose one from."));
      return NULL;
    }
  else if (!(own = signet_request_choose_certificate (store, options->from, NULL, options->time,
                                                      error)))
    return NULL;

  chain = signet_request_collect_chain (store, own, options->time);
  p7c = signet_certs_only_build_p7c (chain, error);
  if (p7c == NULL)
    return NULL;

  body = signet_request_explanation (options->from, options->to);
  mixed = GMIME_OBJECT (g_mime_multipart_new_with_subtype ("mixed"));
  text = text_part (body);
  certs = binary_part ("pkcs7-mime", p7c, "smime.p7c", "certs-only");
  g_mime_multipart_add (GMIME_MULTIPART (mixed), text);
  g_mime_multipart_add (GMIME_MULTIPART (mixed), certs);

  message = g_mime_message_new (FALSE);
  g_mime_object_set_header (GMIME_OBJECT (message), "MIME-Version", "1.0", NULL);
  g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_FROM, NULL, options->from);
  g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_TO, NULL, options->to);
  g_mime_message_set_subject (message, _ ("Request for your certificate"), NULL);
  date = g_date_time_new_from_unix_utc (options->time);
  if (date != NULL)
    g_mime_message_set_date (message, date);

  if (options->key_file == NULL)
    {
      g_mime_message_set_mime_part (message, mixed);
      return write_object (GMIME_OBJECT (message), error);
    }

  {
    g_auto (gnutls_privkey_t) key = load_key (options->key_file, options->key_password, error);
    g_autoptr (GBytes) signed_bytes = NULL;
    g_autoptr (GBytes) signature = NULL;
    g_autoptr (GMimeStream) stream = NULL;
    g_autoptr (GMimeParser) parser = NULL;
    g_autoptr (GMimeObject) inner = NULL;
    g_autoptr (GMimeObject) sig = NULL;
    g_autoptr (GMimeObject) outer = NULL;

    if (key == NULL)
      return NULL;
    if (!key_matches (key, own))
      {
        g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                     /* Translators: %s is a file name. */
                     _ ("The key in “%s” does not belong to the certificate."), options->key_file);
        return NULL;
      }
    /* The signed bytes are the canonical (CRLF) form of the inner part;
     * parsing them back makes GMime write exactly those bytes again. */
    signed_bytes = write_object (mixed, error);
    if (signed_bytes == NULL)
      return NULL;
    signature = sign_detached (key, chain, signed_bytes, error);
    if (signature == NULL)
      return NULL;
    stream = g_mime_stream_mem_new_with_buffer (g_bytes_get_data (signed_bytes, NULL),
                                                g_bytes_get_size (signed_bytes));
    parser = g_mime_parser_new_with_stream (stream);
    inner = g_mime_parser_construct_part (parser, NULL);
    if (inner == NULL)
      {
        g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                             _ ("The request message cannot be written."));
        return NULL;
      }
    sig = binary_part ("pkcs7-signature", signature, "smime.p7s", NULL);
    outer = GMIME_OBJECT (g_mime_multipart_signed_new ());
    g_mime_multipart_set_boundary (GMIME_MULTIPART (outer), NULL);
    g_mime_object_set_content_type_parameter (outer, "protocol", "application/pkcs7-signature");
    g_mime_object_set_content_type_parameter (outer, "micalg", "sha-256");
    g_mime_multipart_add (GMIME_MULTIPART (outer), inner);
    g_mime_multipart_add (GMIME_MULTIPART (outer), sig);
    g_mime_message_set_mime_part (message, outer);
    return write_object (GMIME_OBJECT (message), error);
  }
}
