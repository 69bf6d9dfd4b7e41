/* signet-directory.c: certificate retrieval from configured directories
 * through the signet-directory-helper program.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-directory.h"

#include <glib/gi18n-lib.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "signet-certs-only.h"
#include "signet-directory-protocol.h"
#include "signet-error.h"
#include "signet-gnutls-private.h"
#include "signet-limits.h"

struct _SignetDirectory
{
  GObject parent_instance;

  char *helper_path;
  gboolean offline;
};

G_DEFINE_FINAL_TYPE (SignetDirectory, signet_directory, G_TYPE_OBJECT)

G_DEFINE_QUARK (signet - directory - error - quark, signet_directory_error)

#define LDAP_URI_FLAGS (G_URI_FLAGS_ENCODED | G_URI_FLAGS_NON_DNS | G_URI_FLAGS_SCHEME_NORMALIZE)

static gboolean
printable_ascii (const char *s)
{
  for (const char *p = s; *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || (guchar) *p >= 0x7f)
      return FALSE;
  return TRUE;
}

/**
 * signet_directory_check_config:
 * @kind: "ldap" or "dane"
 * @url: the directory's URL
 * @error: return location for a #GError
 *
 * Checks a directory configuration: LDAP wants an `ldap://` or `ldaps://`
 * URL with a host (base DN, scope and filter as RFC 4516 allows); DANE
 * wants `dns:` (the system's resolver and the root trust anchor) or
 * `dns://ADDRESS[:PORT]` (a resolver to forward to, an IP address), with
 * an optional `?trust-anchor=FILE` query.
 *
 * Returns: %TRUE when usable; else %FALSE with %SIGNET_ERROR_PARSE
 */
gboolean
signet_directory_check_config (const char *kind, const char *url, GError **error)
{
  g_autoptr (GUri) uri = NULL;
  const char *scheme, *host;

  g_return_val_if_fail (kind != NULL && url != NULL, FALSE);

  if (strlen (url) > SIGNET_DIRECTORY_MAX_URL_LENGTH || !printable_ascii (url))
    goto bad;
  if (g_str_equal (kind, "dane") && g_str_equal (url, "dns:"))
    return TRUE;
  uri = g_uri_parse (url, LDAP_URI_FLAGS, NULL);
  if (uri == NULL)
    goto bad;
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (g_str_equal (kind, "ldap"))
    {
      if ((g_strcmp0 (scheme, "ldap") == 0 || g_strcmp0 (scheme, "ldaps") == 0) && host != NULL &&
          host[0] != '\0' && g_uri_get_userinfo (uri) == NULL)
        return TRUE;
      goto bad;
    }
  if (g_str_equal (kind, "dane"))
    {
      const char *query = g_uri_get_query (uri);

      if (g_strcmp0 (scheme, "dns") == 0 && host != NULL && g_hostname_is_ip_address (host) &&
          (g_uri_get_path (uri)[0] == '\0' || g_str_equal (g_uri_get_path (uri), "/")) &&
          (query == NULL || g_str_has_prefix (query, "trust-anchor=")))
        return TRUE;
      goto bad;
    }
  g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE,
               /* Translators: %s is what the user typed. */
               _ ("“%s” is not a kind of directory: use “ldap” or “dane”."), kind);
  return FALSE;

bad:
  g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE,
               /* Translators: first %s is a URL, second "ldap" or "dane". */
               _ ("“%s” is not a usable address for an %s directory."), url, kind);
  return FALSE;
}

/**
 * signet_directory_config_new:
 * @name: the user's name for it
 * @kind: "ldap" or "dane"
 * @url: its URL (see signet_directory_check_config())
 * @timeout: seconds per lookup (0: %SIGNET_DIRECTORY_DEFAULT_TIMEOUT)
 * @size_limit: entries or records per lookup (0:
 *   %SIGNET_DIRECTORY_DEFAULT_SIZE_LIMIT)
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a checked configuration, or %NULL
 */
SignetStoreDirectory *
signet_directory_config_new (const char *name,
                             const char *kind,
                             const char *url,
                             guint timeout,
                             guint size_limit,
                             GError **error)
{
  SignetStoreDirectory *d;

  g_return_val_if_fail (name != NULL && kind != NULL && url != NULL, NULL);

  if (name[0] == '\0' || strlen (name) > 256 || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE, _ ("A directory needs a short name."));
      return NULL;
    }
  if (!signet_directory_check_config (kind, url, error))
    return NULL;
  d = g_new0 (SignetStoreDirectory, 1);
  d->name = g_strdup (name);
  d->kind = g_strdup (kind);
  d->url = g_strdup (url);
  d->timeout =
      timeout == 0 ? SIGNET_DIRECTORY_DEFAULT_TIMEOUT : MIN (timeout, SIGNET_DIRECTORY_MAX_TIMEOUT);
  d->size_limit = size_limit == 0 ? SIGNET_DIRECTORY_DEFAULT_SIZE_LIMIT
                                  : MIN (size_limit, SIGNET_DIRECTORY_MAX_SIZE_LIMIT);
  return d;
}

/* ---- SMIMEA ---------------------------------------------------------------- */

/**
 * signet_smimea_owner_name:
 * @address: an e-mail address
 * @error: return location for a #GError
 *
 * The DNS name of @address's SMIMEA records (RFC 8162 3.1): the SHA-256
 * of the local part (as written, UTF-8) truncated to 28 octets, in
 * lower-case hex, then "_smimecert", then the domain (as A-labels).
 *
 * Returns: (transfer full): the owner name, or %NULL with
 *   %SIGNET_ERROR_PARSE
 */
char *
signet_smimea_owner_name (const char *address, GError **error)
{
  const char *at;
  g_autofree char *domain = NULL;
  g_autoptr (GChecksum) sum = NULL;
  guint8 digest[32];
  gsize len = sizeof digest;
  GString *name;

  g_return_val_if_fail (address != NULL, NULL);

  at = strrchr (address, '@');
  if (at == NULL || at == address || at[1] == '\0' || !g_utf8_validate (address, -1, NULL) ||
      strlen (address) > 320 || !(domain = g_hostname_to_ascii (at + 1)))
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE, _ ("“%s” is not an e-mail address."),
                   address);
      return NULL;
    }
  sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (sum, (const guchar *) address, at - address);
  g_checksum_get_digest (sum, digest, &len);
  name = g_string_new (NULL);
  for (guint i = 0; i < 28; i++)
    g_string_append_printf (name, "%02x", digest[i]);
  g_string_append (name, "._smimecert.");
  g_string_append (name, domain);
  return g_string_free (name, FALSE);
}

/**
 * signet_smimea_record_free:
 * @record: (transfer full) (nullable): a record
 *
 * Frees @record.
 */
void
signet_smimea_record_free (SignetSmimeaRecord *record)
{
  if (record == NULL)
    return;
  g_clear_pointer (&record->data, g_bytes_unref);
  g_free (record);
}

/**
 * signet_smimea_record_parse:
 * @rdata: the RDATA of one SMIMEA record (wire format, RFC 6698 2.1)
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the record, or %NULL with %SIGNET_ERROR_PARSE
 *   (too short, or a hash of the wrong length) or %SIGNET_ERROR_LIMIT
 */
SignetSmimeaRecord *
signet_smimea_record_parse (GBytes *rdata, GError **error)
{
  gsize len;
  const guint8 *p;
  SignetSmimeaRecord *r;

  g_return_val_if_fail (rdata != NULL, NULL);

  p = g_bytes_get_data (rdata, &len);
  if (len < 4)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE,
                   "SMIMEA record of %" G_GSIZE_FORMAT " bytes", len);
      return NULL;
    }
  if (len > 3 + SIGNET_MAX_CERTIFICATE_SIZE)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_LIMIT, "SMIMEA record over %d bytes",
                   3 + SIGNET_MAX_CERTIFICATE_SIZE);
      return NULL;
    }
  if ((p[2] == 1 && len - 3 != 32) || (p[2] == 2 && len - 3 != 64))
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE,
                   "SMIMEA record with matching type %u and %" G_GSIZE_FORMAT " bytes of data",
                   p[2], len - 3);
      return NULL;
    }
  r = g_new0 (SignetSmimeaRecord, 1);
  r->usage = p[0];
  r->selector = p[1];
  r->matching = p[2];
  r->data = g_bytes_new_from_bytes (rdata, 3, len - 3);
  return r;
}

static GBytes *
selected_content (const SignetSmimeaRecord *record, SignetCertificate *cert)
{
  g_auto (gnutls_pubkey_t) key = NULL;
  gnutls_datum_t spki = { NULL, 0 };
  GBytes *out;

  if (record->selector == 0)
    return g_bytes_ref (signet_certificate_get_der (cert));
  if (record->selector != 1 || gnutls_pubkey_init (&key) < 0 ||
      gnutls_pubkey_import_x509 (key, signet_certificate_get_gnutls (cert), 0) < 0 ||
      gnutls_pubkey_export2 (key, GNUTLS_X509_FMT_DER, &spki) < 0)
    return NULL;
  out = g_bytes_new (spki.data, spki.size);
  gnutls_free (spki.data);
  return out;
}

/**
 * signet_smimea_record_matches:
 * @record: a record
 * @certificate: a certificate
 *
 * Whether @record's association data is @certificate (selector 0) or its
 * SubjectPublicKeyInfo (selector 1), in full or hashed with SHA-256 or
 * SHA-512 (RFC 6698 2.1.2, 2.1.3). Unknown selectors and matching types
 * never match.
 *
 * Returns: %TRUE when it matches
 */
gboolean
signet_smimea_record_matches (const SignetSmimeaRecord *record, SignetCertificate *certificate)
{
  g_autoptr (GBytes) content = NULL;
  guint8 digest[64];
  gsize size;
  const void *data;

  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (SIGNET_IS_CERTIFICATE (certificate), FALSE);

  content = selected_content (record, certificate);
  if (content == NULL)
    return FALSE;
  data = g_bytes_get_data (content, &size);
  switch (record->matching)
    {
    case 0:
      return g_bytes_equal (content, record->data);
    case 1:
    case 2:
      {
        gnutls_digest_algorithm_t alg =
            record->matching == 1 ? GNUTLS_DIG_SHA256 : GNUTLS_DIG_SHA512;
        gsize dlen = record->matching == 1 ? 32 : 64;

        if (gnutls_hash_fast (alg, data, size, digest) < 0)
          return FALSE;
        return g_bytes_get_size (record->data) == dlen &&
               memcmp (g_bytes_get_data (record->data, NULL), digest, dlen) == 0;
      }
    default:
      return FALSE;
    }
}

/**
 * signet_smimea_record_get_certificate:
 * @record: a record
 *
 * Returns: (transfer full) (nullable): the certificate a record with
 *   selector 0 and matching type 0 carries, %NULL for other records or
 *   when the data is not a certificate
 */
SignetCertificate *
signet_smimea_record_get_certificate (const SignetSmimeaRecord *record)
{
  g_return_val_if_fail (record != NULL, NULL);
  if (record->selector != 0 || record->matching != 0)
    return NULL;
  return signet_certificate_new_from_der (record->data, NULL);
}

/* ---- the client ------------------------------------------------------------ */

/**
 * signet_directory_answer_free:
 * @answer: (transfer full) (nullable): an answer
 *
 * Frees @answer.
 */
void
signet_directory_answer_free (SignetDirectoryAnswer *answer)
{
  if (answer == NULL)
    return;
  g_clear_pointer (&answer->certificates, g_ptr_array_unref);
  g_clear_pointer (&answer->origins, g_ptr_array_unref);
  g_clear_pointer (&answer->errors, g_ptr_array_unref);
  g_free (answer);
}

static void
signet_directory_finalize (GObject *object)
{
  SignetDirectory *self = SIGNET_DIRECTORY (object);

  g_free (self->helper_path);
  G_OBJECT_CLASS (signet_directory_parent_class)->finalize (object);
}

static void
signet_directory_class_init (SignetDirectoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = signet_directory_finalize;
}

static void
signet_directory_init (SignetDirectory *self)
{
}

/**
 * signet_directory_new:
 * @helper_path: (nullable): the helper program; %NULL for
 *   `$SIGNET_DIRECTORY_HELPER` or the installed one
 *
 * Returns: (transfer full): a directory client
 */
SignetDirectory *
signet_directory_new (const char *helper_path)
{
  SignetDirectory *self = g_object_new (SIGNET_TYPE_DIRECTORY, NULL);
  const char *env = g_getenv ("SIGNET_DIRECTORY_HELPER");

  if (helper_path != NULL)
    self->helper_path = g_strdup (helper_path);
  else if (env != NULL && env[0] != '\0')
    self->helper_path = g_strdup (env);
  else
    self->helper_path = g_build_filename (SIGNET_LIBEXECDIR, "signet-directory-helper", NULL);
  return self;
}

/**
 * signet_directory_get_helper_path:
 * @self: a client
 *
 * Returns: the helper program it runs
 */
const char *
signet_directory_get_helper_path (SignetDirectory *self)
{
  g_return_val_if_fail (SIGNET_IS_DIRECTORY (self), NULL);
  return self->helper_path;
}

/**
 * signet_directory_set_offline:
 * @self: a client
 * @offline: whether to ask no directory
 *
 * Offline, every lookup fails with %SIGNET_DIRECTORY_ERROR_OFFLINE.
 */
void
signet_directory_set_offline (SignetDirectory *self, gboolean offline)
{
  g_return_if_fail (SIGNET_IS_DIRECTORY (self));
  self->offline = !!offline;
}

/**
 * signet_directory_get_offline:
 * @self: a client
 *
 * Returns: whether it is offline
 */
gboolean
signet_directory_get_offline (SignetDirectory *self)
{
  g_return_val_if_fail (SIGNET_IS_DIRECTORY (self), TRUE);
  return self->offline;
}

typedef struct
{
  char *name;
  char *kind;
  char *address;
  guint timeout;
  GSubprocess *proc;
  GCancellable *io_cancellable;
  GSource *timeout_source;
  GSource *cancel_source;
  gboolean killed;
  SignetDirectoryError kill_reason;
} LookupData;

static void
stop_watching (LookupData *d)
{
  if (d->timeout_source != NULL)
    {
      g_source_destroy (d->timeout_source);
      g_clear_pointer (&d->timeout_source, g_source_unref);
    }
  if (d->cancel_source != NULL)
    {
      g_source_destroy (d->cancel_source);
      g_clear_pointer (&d->cancel_source, g_source_unref);
    }
}

static void
lookup_data_free (LookupData *d)
{
  stop_watching (d);
  g_clear_object (&d->proc);
  g_clear_object (&d->io_cancellable);
  g_free (d->name);
  g_free (d->kind);
  g_free (d->address);
  g_free (d);
}

static void
kill_helper (GTask *task, SignetDirectoryError reason)
{
  LookupData *d = g_task_get_task_data (task);

  if (d->killed)
    return;
  d->killed = TRUE;
  d->kill_reason = reason;
  g_subprocess_force_exit (d->proc);
  g_cancellable_cancel (d->io_cancellable);
}

static gboolean
on_overrun (gpointer user_data)
{
  LookupData *d = g_task_get_task_data (user_data);

  g_clear_pointer (&d->timeout_source, g_source_unref);
  kill_helper (user_data, SIGNET_DIRECTORY_ERROR_TIMEOUT);
  return G_SOURCE_REMOVE;
}

static gboolean
on_caller_cancelled (GCancellable *cancellable, gpointer user_data)
{
  LookupData *d = g_task_get_task_data (user_data);

  g_clear_pointer (&d->cancel_source, g_source_unref);
  kill_helper (user_data, SIGNET_DIRECTORY_ERROR_CANCELLED);
  return G_SOURCE_REMOVE;
}

static void
on_reaped (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LookupData *d = g_task_get_task_data (task);

  g_subprocess_wait_finish (G_SUBPROCESS (source), res, NULL);
  if (d->kill_reason == SIGNET_DIRECTORY_ERROR_TIMEOUT)
    g_task_return_new_error (task, SIGNET_DIRECTORY_ERROR, SIGNET_DIRECTORY_ERROR_TIMEOUT,
                             _ ("The directory “%s” did not answer within %u seconds."), d->name,
                             d->timeout);
  else
    g_task_return_new_error (task, SIGNET_DIRECTORY_ERROR, SIGNET_DIRECTORY_ERROR_CANCELLED,
                             _ ("The lookup in the directory “%s” was cancelled."), d->name);
}

/* The "message" of the helper's last JSON stderr line. */
static char *
status_message (GBytes *err)
{
  gsize len = 0;
  const char *text = err != NULL ? g_bytes_get_data (err, &len) : NULL;
  g_autofree char *copy = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;
  guint n;

  if (text == NULL || len == 0)
    return NULL;
  if (len > SIGNET_DIRECTORY_MAX_STATUS_SIZE)
    {
      text += len - SIGNET_DIRECTORY_MAX_STATUS_SIZE;
      len = SIGNET_DIRECTORY_MAX_STATUS_SIZE;
    }
  copy = g_strndup (text, len);
  lines = g_strsplit (copy, "\n", -1);
  n = g_strv_length (lines);
  while (n > 0 && lines[n - 1][0] != '{')
    n--;
  if (n == 0 || !json_parser_load_from_data (parser, lines[n - 1], -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  {
    const char *m =
        json_object_get_string_member_with_default (json_node_get_object (root), "message", NULL);
    return m != NULL && g_utf8_validate (m, -1, NULL) ? g_strdup (m) : NULL;
  }
}

typedef struct
{
  GPtrArray *certificates;
  GPtrArray *problems;
} LookupAnswer;

static void
lookup_answer_free (LookupAnswer *a)
{
  g_clear_pointer (&a->certificates, g_ptr_array_unref);
  g_clear_pointer (&a->problems, g_ptr_array_unref);
  g_free (a);
}

static void
take_certificate (LookupAnswer *a, SignetCertificate *cert)
{
  for (guint i = 0; i < a->certificates->len; i++)
    if (signet_certificate_equal (a->certificates->pdata[i], cert))
      {
        g_object_unref (cert);
        return;
      }
  if (a->certificates->len >= SIGNET_DIRECTORY_MAX_CERTIFICATES)
    {
      g_object_unref (cert);
      return;
    }
  g_ptr_array_add (a->certificates, cert);
}

static GBytes *
member_base64 (JsonObject *o, const char *name)
{
  const char *text = json_object_get_string_member_with_default (o, name, NULL);
  guchar *data;
  gsize len = 0;

  if (text == NULL)
    return NULL;
  data = g_base64_decode (text, &len);
  return g_bytes_new_take (data, len);
}

static void
read_ldap_item (LookupData *d, LookupAnswer *a, JsonObject *item)
{
  const char *attribute = json_object_get_string_member_with_default (item, "attribute", "");
  const char *dn = json_object_get_string_member_with_default (item, "dn", "?");
  g_autoptr (GBytes) value = member_base64 (item, "value");
  g_autoptr (GError) error = NULL;

  if (value == NULL)
    return;
  if (g_ascii_strncasecmp (attribute, "userSMIMECertificate", 20) == 0)
    {
      g_autoptr (SignetCertsOnlyContents) contents = signet_certs_only_parse (value, &error);

      if (contents == NULL)
        {
          g_ptr_array_add (
              a->problems,
              g_strdup_printf (_ ("%s: a userSMIMECertificate of “%s” is unreadable: %s"), d->name,
                               dn, error->message));
          return;
        }
      for (guint i = 0; i < contents->certificates->len; i++)
        take_certificate (a, g_object_ref (contents->certificates->pdata[i]));
      return;
    }
  {
    SignetCertificate *cert = signet_certificate_new_from_der (value, &error);

    if (cert == NULL)
      g_ptr_array_add (a->problems,
                       g_strdup_printf (_ ("%s: a certificate of “%s” is unreadable: %s"), d->name,
                                        dn, error->message));
    else
      take_certificate (a, cert);
  }
}

static void
read_smimea_item (LookupData *d, LookupAnswer *a, JsonObject *item)
{
  g_autoptr (GBytes) rdata = member_base64 (item, "rdata");
  g_autoptr (SignetSmimeaRecord) record = NULL;
  g_autoptr (GError) error = NULL;
  SignetCertificate *cert;

  if (rdata == NULL)
    return;
  record = signet_smimea_record_parse (rdata, &error);
  if (record == NULL)
    {
      g_ptr_array_add (a->problems, g_strdup_printf (_ ("%s: an SMIMEA record is unreadable: %s"),
                                                     d->name, error->message));
      return;
    }
  cert = signet_smimea_record_get_certificate (record);
  if (cert == NULL)
    {
      g_ptr_array_add (a->problems,
                       g_strdup_printf (_ ("%s: an SMIMEA record (usage %u, selector %u, matching "
                                           "type %u) does not carry a whole certificate."),
                                        d->name, record->usage, record->selector,
                                        record->matching));
      return;
    }
  take_certificate (a, cert);
}

static LookupAnswer *
parse_answer (LookupData *d, GBytes *out, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local = NULL;
  LookupAnswer *a;
  JsonNode *root;
  JsonObject *obj;
  JsonArray *items;
  gsize len = 0;
  const char *data = out != NULL ? g_bytes_get_data (out, &len) : NULL;
  gboolean dane = g_str_equal (d->kind, "dane");

  if (data == NULL || len > SIGNET_DIRECTORY_MAX_ANSWER ||
      !json_parser_load_from_data (parser, data, len, &local) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member ((obj = json_node_get_object (root)), "items") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (obj, "items")) ||
      (dane && !json_object_get_boolean_member_with_default (obj, "secure", FALSE)))
    {
      g_set_error (error, SIGNET_DIRECTORY_ERROR, SIGNET_DIRECTORY_ERROR_HELPER_FAILED,
                   _ ("The directory helper gave an unusable answer for “%s”."), d->name);
      return NULL;
    }
  items = json_object_get_array_member (obj, "items");
  a = g_new0 (LookupAnswer, 1);
  a->certificates = g_ptr_array_new_with_free_func (g_object_unref);
  a->problems = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      if (dane)
        read_smimea_item (d, a, json_node_get_object (node));
      else
        read_ldap_item (d, a, json_node_get_object (node));
    }
  if (json_object_get_boolean_member_with_default (obj, "truncated", FALSE))
    g_ptr_array_add (a->problems,
                     g_strdup_printf (_ ("%s: the answer was cut at the size limit."), d->name));
  return a;
}

static void
on_communicated (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LookupData *d = g_task_get_task_data (task);
  GSubprocess *proc = G_SUBPROCESS (source);
  g_autoptr (GBytes) out = NULL;
  g_autoptr (GBytes) err = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  LookupAnswer *answer;
  gboolean ok;
  int code;

  ok = g_subprocess_communicate_finish (proc, res, &out, &err, &error);
  stop_watching (d);
  if (d->killed)
    {
      g_subprocess_wait_async (proc, NULL, on_reaped, g_steal_pointer (&task));
      return;
    }
  if (!ok)
    {
      g_subprocess_force_exit (proc);
      g_task_return_new_error (task, SIGNET_DIRECTORY_ERROR, SIGNET_DIRECTORY_ERROR_HELPER_FAILED,
                               _ ("Could not talk to the directory helper: %s"), error->message);
      return;
    }
  if (g_subprocess_get_if_signaled (proc))
    {
      g_task_return_new_error (task, SIGNET_DIRECTORY_ERROR, SIGNET_DIRECTORY_ERROR_HELPER_FAILED,
                               _ ("The directory helper died (signal %d) while asking “%s”."),
                               g_subprocess_get_term_sig (proc), d->name);
      return;
    }
  code = g_subprocess_get_exit_status (proc);
  message = status_message (err);
#define DETAIL (message != NULL ? message : "no details")
  switch (code)
    {
    case SIGNET_DIRECTORY_EXIT_OK:
      answer = parse_answer (d, out, &error);
      if (answer == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, answer, (GDestroyNotify) lookup_answer_free);
      return;
    case SIGNET_DIRECTORY_EXIT_SERVER:
      g_task_return_new_error (task, SIGNET_DIRECTORY_ERROR, SIGNET_DIRECTORY_ERROR_SERVER,
                               _ ("The directory “%s” refused the search: %s"), d->name, DETAIL);
      return;
    case SIGNET_DIRECTORY_EXIT_TOO_LARGE:
      g_task_return_new_error (task, SIGNET_DIRECTORY_ERROR, SIGNET_DIRECTORY_ERROR_TOO_LARGE,
                               _ ("The answer of the directory “%s” is too large: %s"), d->name,
                               DETAIL);
      return;
    case SIGNET_DIRECTORY_EXIT_TIMEOUT:
      g_task_return_new_error (task, SIGNET_DIRECTORY_ERROR, SIGNET_DIRECTORY_ERROR_TIMEOUT,
                               _ ("The directory “%s” did not answer within %u seconds."), d->name,
                               d->timeout);
      return;
    case SIGNET_DIRECTORY_EXIT_NETWORK:
      g_task_return_new_error (task, SIGNET_DIRECTORY_ERROR, SIGNET_DIRECTORY_ERROR_NETWORK,
                               _ ("Could not reach the directory “%s”: %s"), d->name, DETAIL);
      return;
    case SIGNET_DIRECTORY_EXIT_INSECURE:
      g_task_return_new_error (task, SIGNET_DIRECTORY_ERROR, SIGNET_DIRECTORY_ERROR_INSECURE,
                               _ ("The DNS answer for %s from “%s” is not protected by DNSSEC, so "
                                  "it was not used: %s"),
                               d->address, d->name, DETAIL);
      return;
    default:
      g_task_return_new_error (task, SIGNET_DIRECTORY_ERROR, SIGNET_DIRECTORY_ERROR_HELPER_FAILED,
                               _ ("The directory helper failed (exit status %d) for “%s”: %s"),
                               code, d->name, DETAIL);
      return;
    }
#undef DETAIL
}

static char *
query_value (const char *url, const char *key)
{
  g_autoptr (GUri) uri = g_uri_parse (url, LDAP_URI_FLAGS, NULL);
  g_autoptr (GHashTable) params = NULL;
  const char *q = uri != NULL ? g_uri_get_query (uri) : NULL;

  if (q == NULL)
    return NULL;
  params = g_uri_parse_params (q, -1, "&", G_URI_PARAMS_NONE, NULL);
  return params != NULL ? g_strdup (g_hash_table_lookup (params, key)) : NULL;
}

/**
 * signet_directory_lookup_async:
 * @self: a client
 * @config: the directory to ask
 * @address: the address whose certificates are wanted
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the lookup is over
 * @user_data: data for @callback
 *
 * Asks one directory in the helper process: an LDAP search for entries
 * whose `mail` is @address (userCertificate;binary and
 * userSMIMECertificate, at most @config->size_limit entries), or the
 * DNSSEC-validated SMIMEA records of @address. The helper is killed when
 * it overruns @config->timeout.
 */
void
signet_directory_lookup_async (SignetDirectory *self,
                               const SignetStoreDirectory *config,
                               const char *address,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GPtrArray) argv = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GMainContext) context = NULL;
  LookupData *d;

  g_return_if_fail (SIGNET_IS_DIRECTORY (self));
  g_return_if_fail (config != NULL && address != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_directory_lookup_async);
  g_task_set_name (task, "[signet] directory lookup");
  g_task_set_check_cancellable (task, FALSE);

  d = g_new0 (LookupData, 1);
  d->name = g_strdup (config->name);
  d->kind = g_strdup (config->kind);
  d->address = g_strdup (address);
  d->timeout = config->timeout == 0 ? SIGNET_DIRECTORY_DEFAULT_TIMEOUT
                                    : MIN (config->timeout, SIGNET_DIRECTORY_MAX_TIMEOUT);
  d->io_cancellable = g_cancellable_new ();
  g_task_set_task_data (task, d, (GDestroyNotify) lookup_data_free);

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_task_return_new_error (task, SIGNET_DIRECTORY_ERROR, SIGNET_DIRECTORY_ERROR_CANCELLED,
                               _ ("The lookup in the directory “%s” was cancelled."), d->name);
      return;
    }
  if (self->offline)
    {
      g_task_return_new_error (task, SIGNET_DIRECTORY_ERROR, SIGNET_DIRECTORY_ERROR_OFFLINE,
                               _ ("Working offline: the directory “%s” was not asked."), d->name);
      return;
    }
  if (!signet_directory_check_config (config->kind, config->url, &error))
    {
      g_task_return_new_error (task, SIGNET_DIRECTORY_ERROR, SIGNET_DIRECTORY_ERROR_CONFIG, "%s",
                               error->message);
      return;
    }

  argv = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (argv, g_strdup (self->helper_path));
  if (g_str_equal (config->kind, "ldap"))
    {
      g_ptr_array_add (argv, g_strdup_printf ("--ldap-url=%s", config->url));
      g_ptr_array_add (argv, g_strdup_printf ("--address=%s", address));
    }
  else
    {
      g_autofree char *owner = signet_smimea_owner_name (address, &error);
      g_autofree char *anchor = query_value (config->url, "trust-anchor");

      if (owner == NULL)
        {
          g_task_return_new_error (task, SIGNET_DIRECTORY_ERROR, SIGNET_DIRECTORY_ERROR_CONFIG,
                                   "%s", error->message);
          return;
        }
      g_ptr_array_add (argv, g_strdup_printf ("--smimea=%s", owner));
      if (!g_str_equal (config->url, "dns:"))
        {
          g_autoptr (GUri) uri = g_uri_parse (config->url, LDAP_URI_FLAGS, NULL);
          int port = g_uri_get_port (uri);

          g_ptr_array_add (
              argv, port > 0 ? g_strdup_printf ("--resolver=%s@%d", g_uri_get_host (uri), port)
                             : g_strdup_printf ("--resolver=%s", g_uri_get_host (uri)));
        }
      if (anchor != NULL)
        g_ptr_array_add (argv, g_strdup_printf ("--trust-anchor=%s", anchor));
    }
  g_ptr_array_add (argv, g_strdup_printf ("--timeout=%u", d->timeout));
  g_ptr_array_add (argv, g_strdup_printf ("--max-size=%d", SIGNET_DIRECTORY_MAX_ANSWER));
  g_ptr_array_add (
      argv, g_strdup_printf ("--size-limit=%u",
                             config->size_limit == 0
                                 ? SIGNET_DIRECTORY_DEFAULT_SIZE_LIMIT
                                 : MIN (config->size_limit, SIGNET_DIRECTORY_MAX_SIZE_LIMIT)));
  g_ptr_array_add (argv, NULL);

  launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  d->proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  if (d->proc == NULL)
    {
      g_task_return_new_error (task, SIGNET_DIRECTORY_ERROR, SIGNET_DIRECTORY_ERROR_HELPER_FAILED,
                               _ ("Could not start the directory helper %s: %s"), self->helper_path,
                               error->message);
      return;
    }

  context = g_main_context_ref_thread_default ();
  d->timeout_source = g_timeout_source_new ((d->timeout + SIGNET_DIRECTORY_KILL_GRACE) * 1000);
  g_source_set_name (d->timeout_source, "[signet] directory deadline");
  g_source_set_callback (d->timeout_source, on_overrun, task, NULL);
  g_source_attach (d->timeout_source, context);
  if (cancellable != NULL)
    {
      d->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_name (d->cancel_source, "[signet] directory lookup cancelled");
      g_source_set_callback (d->cancel_source, G_SOURCE_FUNC (on_caller_cancelled), task, NULL);
      g_source_attach (d->cancel_source, context);
    }
  g_subprocess_communicate_async (d->proc, NULL, d->io_cancellable, on_communicated,
                                  g_steal_pointer (&task));
}

/**
 * signet_directory_lookup_finish:
 * @self: a client
 * @result: the #GAsyncResult
 * @problems: (out) (optional) (transfer full) (element-type utf8): values
 *   that were not certificates, records without a whole certificate
 * @error: return location for a #GError (%SIGNET_DIRECTORY_ERROR)
 *
 * Returns: (transfer full) (element-type SignetCertificate): what the
 *   directory served (not validated, not trusted), or %NULL on error
 */
GPtrArray *
signet_directory_lookup_finish (SignetDirectory *self,
                                GAsyncResult *result,
                                GPtrArray **problems,
                                GError **error)
{
  LookupAnswer *a;
  GPtrArray *certs;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (problems != NULL)
    *problems = NULL;
  a = g_task_propagate_pointer (G_TASK (result), error);
  if (a == NULL)
    return NULL;
  certs = g_steal_pointer (&a->certificates);
  if (problems != NULL)
    *problems = g_steal_pointer (&a->problems);
  lookup_answer_free (a);
  return certs;
}

/* ---- searching every configured directory ------------------------------------ */

typedef struct
{
  GPtrArray *configs; /* SignetStoreDirectory */
  guint next;
  char *address;
  SignetDirectoryAnswer *answer;
} SearchData;

static void
search_data_free (SearchData *s)
{
  g_clear_pointer (&s->configs, g_ptr_array_unref);
  g_free (s->address);
  signet_directory_answer_free (s->answer);
  g_free (s);
}

static void search_next (GTask *task);

static void
on_looked_up (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SearchData *s = g_task_get_task_data (task);
  SignetStoreDirectory *config = s->configs->pdata[s->next - 1];
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GPtrArray) certs = NULL;
  g_autoptr (GError) error = NULL;

  certs = signet_directory_lookup_finish (SIGNET_DIRECTORY (source), res, &problems, &error);
  if (certs == NULL)
    {
      if (g_error_matches (error, SIGNET_DIRECTORY_ERROR, SIGNET_DIRECTORY_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_ptr_array_add (s->answer->errors, g_strdup (error->message));
    }
  else
    {
      for (guint i = 0; i < certs->len; i++)
        {
          gboolean dup = FALSE;

          for (guint k = 0; k < s->answer->certificates->len && !dup; k++)
            dup = signet_certificate_equal (s->answer->certificates->pdata[k], certs->pdata[i]);
          if (dup || s->answer->certificates->len >= SIGNET_DIRECTORY_MAX_CERTIFICATES)
            continue;
          g_ptr_array_add (s->answer->certificates, g_object_ref (certs->pdata[i]));
          g_ptr_array_add (s->answer->origins, g_strdup (config->name));
        }
      for (guint i = 0; problems != NULL && i < problems->len; i++)
        g_ptr_array_add (s->answer->errors, g_strdup (problems->pdata[i]));
    }
  search_next (g_steal_pointer (&task));
}

static void
search_next (GTask *task)
{
  SearchData *s = g_task_get_task_data (task);

  if (s->next >= s->configs->len || s->next >= SIGNET_DIRECTORY_MAX_CONFIGURED)
    {
      g_task_return_pointer (task, g_steal_pointer (&s->answer),
                             (GDestroyNotify) signet_directory_answer_free);
      g_object_unref (task);
      return;
    }
  signet_directory_lookup_async (g_task_get_source_object (task), s->configs->pdata[s->next++],
                                 s->address, g_task_get_cancellable (task), on_looked_up, task);
}

/**
 * signet_directory_search_async:
 * @self: a client
 * @store: the store holding the configured directories
 * @address: the address whose certificates are wanted
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every directory was asked
 * @user_data: data for @callback
 *
 * Asks every configured directory in turn. A directory that fails is
 * noted in the answer's errors; the search goes on with the next.
 */
void
signet_directory_search_async (SignetDirectory *self,
                               SignetStore *store,
                               const char *address,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  SearchData *s;

  g_return_if_fail (SIGNET_IS_DIRECTORY (self));
  g_return_if_fail (SIGNET_IS_STORE (store));
  g_return_if_fail (address != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_directory_search_async);
  g_task_set_name (task, "[signet] directory search");
  g_task_set_check_cancellable (task, FALSE);
  s = g_new0 (SearchData, 1);
  s->address = g_strdup (address);
  s->answer = g_new0 (SignetDirectoryAnswer, 1);
  s->answer->certificates = g_ptr_array_new_with_free_func (g_object_unref);
  s->answer->origins = g_ptr_array_new_with_free_func (g_free);
  s->answer->errors = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, s, (GDestroyNotify) search_data_free);
  s->configs = signet_store_list_directories (store, &error);
  if (s->configs == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  search_next (g_steal_pointer (&task));
}

/**
 * signet_directory_search_finish:
 * @self: a client
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): what the directories served, or %NULL when
 *   the store could not be read or the caller cancelled
 */
SignetDirectoryAnswer *
signet_directory_search_finish (SignetDirectory *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
