/* signet-trust-anchors.c: the built-in e-mail trust anchors.
 *
 * A TLS bundle (/etc/ssl/certs/ca-certificates.crt) is not a list of
 * certificate authorities trusted for e-mail: Mozilla trusts some roots for
 * web sites only, and Debian's ca-certificates keeps no purposes at all.
 * So Signet never uses such a bundle as e-mail trust. It reads:
 *
 * - MOZILLA: NSS's built-in roots module (libnssckbi.so, token "Builtin
 *   Object Token"), through PKCS#11 with p11-kit. Each root has an NSS
 *   trust object (CKO_NSS_TRUST) keyed by the SHA-1 of the certificate;
 *   a root is an anchor when its CKA_TRUST_EMAIL_PROTECTION is
 *   CKT_NSS_TRUSTED_DELEGATOR, and distrusted when it is
 *   CKT_NSS_NOT_TRUSTED. A libnssckbi.so that is really p11-kit's trust
 *   module (Fedora links it so) is not Mozilla's list: it is read as
 *   SYSTEM.
 * - SYSTEM: p11-kit's trust module. A trusted certificate is an e-mail
 *   anchor only when p11-kit staples an ExtendedKeyUsage extension to it
 *   (CKO_X_CERTIFICATE_EXTENSION, from a .p11-kit file or an OpenSSL
 *   "TRUSTED CERTIFICATE") that lists emailProtection and no reject
 *   extension rejects it; CKA_X_DISTRUSTED certificates (the blocklist)
 *   are distrusted. When no anchor carries any purpose, the source is a
 *   plain TLS bundle and gives no e-mail anchors.
 * - NONE: nothing.
 *
 * signet_trust_anchors_get_default() falls back MOZILLA → SYSTEM → NONE
 * and says why in a log message (and in the @problem field): with nothing
 * trusted, every message signed under a public CA reports an untrusted
 * root and offers a trust prompt, which is safer than trusting web-site
 * CAs for mail.
 *
 * Loading libnssckbi.so into a process whose NSS already initialised it
 * (a mail client built on NSS) is safe: C_Initialize then answers
 * CKR_CRYPTOKI_ALREADY_INITIALIZED, and Signet reads the objects without
 * finalising the module.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-trust-anchors.h"

#include <string.h>

#include <p11-kit/p11-kit.h>
#include <p11-kit/pkcs11x.h>

#include "signet-der.h"
#include "signet-error.h"
#include "signet-gnutls-private.h"
#include "signet-oids.h"

/* p11-kit's OID for stapled OpenSSL "reject" purposes (an EKU-shaped
 * extension; trust/module/oid.h P11_OID_OPENSSL_REJECT). */
#define SIGNET_OID_P11_OPENSSL_REJECT "1.3.6.1.4.1.3319.6.10.1"

static const guint8 der_oid_eku[] = { 0x06, 0x03, 0x55, 0x1d, 0x25 };
static const guint8 der_oid_reject[] = { 0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04,
                                         0x01, 0x99, 0x77, 0x06, 0x0a, 0x01 };

/* The loaders initialise and finalise PKCS#11 modules: two of them at once
 * could finalise a module the other one is reading. This lock makes them
 * take turns, so that they can run in worker threads. */
static GMutex module_lock;
static SignetTrustAnchors *load_mozilla_locked (const char *module_path, GError **error);
static SignetTrustAnchors *load_system_locked (const char *paths, GError **error);

G_DEFINE_BOXED_TYPE (SignetTrustAnchors,
                     signet_trust_anchors,
                     signet_trust_anchors_copy,
                     signet_trust_anchors_free)

static const char *const mozilla_module_paths[] = {
  "/usr/lib/x86_64-linux-gnu/nss/libnssckbi.so",
  "/usr/lib/x86_64-linux-gnu/libnssckbi.so",
  "/usr/lib/aarch64-linux-gnu/nss/libnssckbi.so",
  "/usr/lib/aarch64-linux-gnu/libnssckbi.so",
  "/usr/lib64/nss/libnssckbi.so",
  "/usr/lib64/libnssckbi.so",
  "/usr/lib/nss/libnssckbi.so",
  "/usr/lib/libnssckbi.so",
};

/**
 * signet_trust_source_to_string:
 * @source: a trust source
 *
 * The nick of a source, as the `trust-source` settings key holds it.
 *
 * Returns: `mozilla`, `system` or `none`
 *
 * Since: 0.1
 */
const char *
signet_trust_source_to_string (SignetTrustSource source)
{
  switch (source)
    {
    case SIGNET_TRUST_SOURCE_MOZILLA:
      return "mozilla";
    case SIGNET_TRUST_SOURCE_SYSTEM:
      return "system";
    case SIGNET_TRUST_SOURCE_NONE:
    default:
      return "none";
    }
}

/**
 * signet_trust_source_from_string:
 * @text: `mozilla`, `system` or `none`
 * @source: (out): the source
 *
 * Parses the nick of a source (see signet_trust_source_to_string()).
 *
 * Returns: %TRUE when @text names a source
 *
 * Since: 0.1
 */
gboolean
signet_trust_source_from_string (const char *text, SignetTrustSource *source)
{
  static const SignetTrustSource all[] = { SIGNET_TRUST_SOURCE_MOZILLA, SIGNET_TRUST_SOURCE_SYSTEM,
                                           SIGNET_TRUST_SOURCE_NONE };

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (all); i++)
    if (g_str_equal (text, signet_trust_source_to_string (all[i])))
      {
        *source = all[i];
        return TRUE;
      }
  return FALSE;
}

static GPtrArray *
copy_list (GPtrArray *list)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; list != NULL && i < list->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (list, i)));
  return copy;
}

/**
 * signet_trust_anchors_copy:
 * @anchors: loaded anchors
 *
 * Copies @anchors; the copy holds new references to the certificates.
 *
 * Returns: (transfer full): a copy of @anchors
 *
 * Since: 0.1
 */
SignetTrustAnchors *
signet_trust_anchors_copy (const SignetTrustAnchors *anchors)
{
  SignetTrustAnchors *copy;

  g_return_val_if_fail (anchors != NULL, NULL);

  copy = g_new0 (SignetTrustAnchors, 1);
  copy->source = anchors->source;
  copy->anchors = copy_list (anchors->anchors);
  copy->distrusted = copy_list (anchors->distrusted);
  copy->origin = g_strdup (anchors->origin);
  copy->problem = g_strdup (anchors->problem);
  return copy;
}

/**
 * signet_trust_anchors_free:
 * @anchors: (transfer full) (nullable): loaded anchors
 *
 * Frees @anchors.
 *
 * Since: 0.1
 */
void
signet_trust_anchors_free (SignetTrustAnchors *anchors)
{
  if (anchors == NULL)
    return;
  g_clear_pointer (&anchors->anchors, g_ptr_array_unref);
  g_clear_pointer (&anchors->distrusted, g_ptr_array_unref);
  g_free (anchors->origin);
  g_free (anchors->problem);
  g_free (anchors);
}

static SignetTrustAnchors *
anchors_new (SignetTrustSource source, const char *origin)
{
  SignetTrustAnchors *a = g_new0 (SignetTrustAnchors, 1);

  a->source = source;
  a->anchors = g_ptr_array_new_with_free_func (g_object_unref);
  a->distrusted = g_ptr_array_new_with_free_func (g_object_unref);
  a->origin = g_strdup (origin);
  return a;
}

/**
 * signet_trust_anchors_find_mozilla_module:
 *
 * Looks for NSS's built-in roots module in the usual library folders; the
 * environment variable `SIGNET_NSSCKBI` overrides the search.
 *
 * Returns: (nullable): the path of libnssckbi.so, or %NULL
 *
 * Since: 0.1
 */
const char *
signet_trust_anchors_find_mozilla_module (void)
{
  const char *env = g_getenv ("SIGNET_NSSCKBI");

  if (env != NULL && *env != '\0')
    return g_file_test (env, G_FILE_TEST_IS_REGULAR) ? env : NULL;
  for (guint i = 0; i < G_N_ELEMENTS (mozilla_module_paths); i++)
    if (g_file_test (mozilla_module_paths[i], G_FILE_TEST_IS_REGULAR))
      return mozilla_module_paths[i];
  return NULL;
}

/* ---- PKCS#11 helpers ------------------------------------------------------ */

typedef struct
{
  CK_FUNCTION_LIST *module;
  gboolean initialized_here;
} Module;

static void
module_close (Module *m)
{
  if (m->module == NULL)
    return;
  if (m->initialized_here)
    m->module->C_Finalize (NULL);
  p11_kit_module_release (m->module);
  m->module = NULL;
}

static gboolean
module_open (Module *m, const char *path, const char *reserved, GError **error)
{
  CK_C_INITIALIZE_ARGS args;
  CK_RV rv;

  memset (m, 0, sizeof *m);
  m->module = p11_kit_module_load (path, P11_KIT_MODULE_UNMANAGED);
  if (m->module == NULL)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_IO, "Cannot load the PKCS#11 module %s: %s",
                   path, p11_kit_message () ? p11_kit_message () : "unknown error");
      return FALSE;
    }
  memset (&args, 0, sizeof args);
  args.flags = CKF_OS_LOCKING_OK;
  args.pReserved = (void *) reserved;
  rv = m->module->C_Initialize (&args);
  if (rv == CKR_OK)
    m->initialized_here = TRUE;
  else if (rv != CKR_CRYPTOKI_ALREADY_INITIALIZED)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_IO,
                   "Cannot initialise the PKCS#11 module %s: %s", path, p11_kit_strerror (rv));
      module_close (m);
      return FALSE;
    }
  return TRUE;
}

static void
module_clear (Module *m)
{
  module_close (m);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Module, module_clear)

static GBytes *
get_attribute (Module *m, CK_SESSION_HANDLE session, CK_OBJECT_HANDLE obj, CK_ATTRIBUTE_TYPE type)
{
  CK_ATTRIBUTE attr = { type, NULL, 0 };
  g_autofree guint8 *buf = NULL;

  if (m->module->C_GetAttributeValue (session, obj, &attr, 1) != CKR_OK ||
      attr.ulValueLen == (CK_ULONG) -1 || attr.ulValueLen > SIGNET_TRUST_MAX_ATTRIBUTE_SIZE)
    return NULL;
  buf = g_malloc0 (attr.ulValueLen + 1);
  attr.pValue = buf;
  if (m->module->C_GetAttributeValue (session, obj, &attr, 1) != CKR_OK)
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&buf), attr.ulValueLen);
}

static gboolean
get_ulong (Module *m,
           CK_SESSION_HANDLE session,
           CK_OBJECT_HANDLE obj,
           CK_ATTRIBUTE_TYPE type,
           CK_ULONG *out)
{
  CK_ATTRIBUTE attr = { type, out, sizeof *out };

  return m->module->C_GetAttributeValue (session, obj, &attr, 1) == CKR_OK &&
         attr.ulValueLen == sizeof *out;
}

static GArray *
find_objects (Module *m, CK_SESSION_HANDLE session, CK_ATTRIBUTE *template, CK_ULONG n)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (CK_OBJECT_HANDLE));
  CK_OBJECT_HANDLE batch[64];
  CK_ULONG count = 0;

  if (m->module->C_FindObjectsInit (session, template, n) != CKR_OK)
    return found;
  while (found->len < SIGNET_TRUST_MAX_OBJECTS &&
         m->module->C_FindObjects (session, batch, G_N_ELEMENTS (batch), &count) == CKR_OK &&
         count > 0)
    g_array_append_vals (found, batch, (guint) MIN (count, SIGNET_TRUST_MAX_OBJECTS - found->len));
  m->module->C_FindObjectsFinal (session);
  return found;
}

/* The certificate objects of @session matching @template (class and type
 * are added), parsed; rows that do not parse are skipped. */
static GPtrArray *
find_certificates (Module *m, CK_SESSION_HANDLE session, CK_ATTRIBUTE *extra, CK_ULONG n_extra)
{
  CK_OBJECT_CLASS klass = CKO_CERTIFICATE;
  CK_CERTIFICATE_TYPE type = CKC_X_509;
  CK_ATTRIBUTE template[4] = {
    { CKA_CLASS, &klass, sizeof klass },
    { CKA_CERTIFICATE_TYPE, &type, sizeof type },
  };
  g_autoptr (GArray) handles = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert (n_extra <= 2);
  for (CK_ULONG i = 0; i < n_extra; i++)
    template[2 + i] = extra[i];
  handles = find_objects (m, session, template, 2 + n_extra);
  for (guint i = 0; i < handles->len; i++)
    {
      g_autoptr (GBytes) der =
          get_attribute (m, session, g_array_index (handles, CK_OBJECT_HANDLE, i), CKA_VALUE);
      SignetCertificate *cert = der ? signet_certificate_new_from_der (der, NULL) : NULL;

      if (cert != NULL)
        g_ptr_array_add (out, cert);
    }
  return out;
}

/* Whether @slot holds NSS's built-in roots: token label "Builtin Object
 * Token" by "Mozilla Foundation" (the model is just "1"). */
static gboolean
is_nss_builtin_token (Module *m, CK_SLOT_ID slot)
{
  CK_TOKEN_INFO info;
  g_autofree char *label = NULL;
  g_autofree char *manufacturer = NULL;

  if (m->module->C_GetTokenInfo (slot, &info) != CKR_OK)
    return FALSE;
  label = g_strchomp (g_strndup ((const char *) info.label, sizeof info.label));
  manufacturer =
      g_strchomp (g_strndup ((const char *) info.manufacturerID, sizeof info.manufacturerID));
  return g_str_equal (label, "Builtin Object Token") &&
         g_str_equal (manufacturer, "Mozilla Foundation");
}

static GArray *
token_slots (Module *m)
{
  GArray *slots = g_array_new (FALSE, FALSE, sizeof (CK_SLOT_ID));
  CK_ULONG n = 0;

  if (m->module->C_GetSlotList (CK_TRUE, NULL, &n) != CKR_OK || n == 0 || n > 256)
    return slots;
  g_array_set_size (slots, (guint) n);
  if (m->module->C_GetSlotList (CK_TRUE, (CK_SLOT_ID *) slots->data, &n) != CKR_OK)
    n = 0;
  g_array_set_size (slots, (guint) n);
  return slots;
}

static void
add_unique (GPtrArray *list, SignetCertificate *cert)
{
  for (guint i = 0; i < list->len; i++)
    if (signet_certificate_equal (g_ptr_array_index (list, i), cert))
      return;
  g_ptr_array_add (list, g_object_ref (cert));
}

/* ---- Mozilla ---------------------------------------------------------------- */

static char *
sha1_hex (GBytes *der)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA1, der);
}

static char *
hex (GBytes *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  GString *s = g_string_sized_new (len * 2);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (s, "%02x", data[i]);
  return g_string_free (s, FALSE);
}

static void
read_nss_token (Module *m, CK_SESSION_HANDLE session, SignetTrustAnchors *out)
{
  CK_OBJECT_CLASS trust_class = CKO_NSS_TRUST;
  CK_ATTRIBUTE trust_template[] = { { CKA_CLASS, &trust_class, sizeof trust_class } };
  g_autoptr (GArray) trusts =
      find_objects (m, session, trust_template, G_N_ELEMENTS (trust_template));
  g_autoptr (GHashTable) email = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) certs = NULL;

  for (guint i = 0; i < trusts->len; i++)
    {
      CK_OBJECT_HANDLE obj = g_array_index (trusts, CK_OBJECT_HANDLE, i);
      g_autoptr (GBytes) sha1 = get_attribute (m, session, obj, CKA_CERT_SHA1_HASH);
      CK_ULONG value = 0;

      if (sha1 == NULL || g_bytes_get_size (sha1) != 20 ||
          !get_ulong (m, session, obj, CKA_TRUST_EMAIL_PROTECTION, &value))
        continue;
      g_hash_table_replace (email, hex (sha1), GSIZE_TO_POINTER ((gsize) value));
    }

  certs = find_certificates (m, session, NULL, 0);
  for (guint i = 0; i < certs->len; i++)
    {
      SignetCertificate *cert = g_ptr_array_index (certs, i);
      g_autofree char *key = sha1_hex (signet_certificate_get_der (cert));
      gpointer value;

      if (!g_hash_table_lookup_extended (email, key, NULL, &value))
        continue;
      if ((CK_ULONG) GPOINTER_TO_SIZE (value) == CKT_NSS_TRUSTED_DELEGATOR)
        add_unique (out->anchors, cert);
      else if ((CK_ULONG) GPOINTER_TO_SIZE (value) == CKT_NSS_NOT_TRUSTED)
        add_unique (out->distrusted, cert);
    }
}

/**
 * signet_trust_anchors_load_mozilla:
 * @module_path: (nullable): the path of libnssckbi.so, or %NULL to search
 *   with signet_trust_anchors_find_mozilla_module()
 * @error: return location for a #GError
 *
 * Reads the roots Mozilla trusts for e-mail protection from NSS's built-in
 * roots module.
 *
 * Returns: (transfer full): the anchors, or %NULL with @error set
 *   (%SIGNET_ERROR_IO when the module is missing or fails,
 *   %SIGNET_ERROR_UNSUPPORTED when it is not NSS's built-in token)
 *
 * Since: 0.1
 */
SignetTrustAnchors *
signet_trust_anchors_load_mozilla (const char *module_path, GError **error)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&module_lock);

  return load_mozilla_locked (module_path, error);
}

static SignetTrustAnchors *
load_mozilla_locked (const char *module_path, GError **error)
{
  g_auto (Module) m = { NULL, FALSE };
  g_autoptr (SignetTrustAnchors) out = NULL;
  g_autoptr (GArray) slots = NULL;
  gboolean builtin = FALSE;

  if (module_path == NULL)
    module_path = signet_trust_anchors_find_mozilla_module ();
  if (module_path == NULL)
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_IO,
                           "NSS's built-in roots module (libnssckbi.so) is not installed");
      return NULL;
    }
  if (!module_open (&m, module_path, NULL, error))
    return NULL;

  out = anchors_new (SIGNET_TRUST_SOURCE_MOZILLA, module_path);
  slots = token_slots (&m);
  for (guint i = 0; i < slots->len; i++)
    {
      CK_SLOT_ID slot = g_array_index (slots, CK_SLOT_ID, i);
      CK_SESSION_HANDLE session;

      /* p11-kit's trust module also answers CKO_NSS_TRUST queries, with
       * every purpose trusted when its source has none: not Mozilla's. */
      if (!is_nss_builtin_token (&m, slot))
        continue;
      builtin = TRUE;
      if (m.module->C_OpenSession (slot, CKF_SERIAL_SESSION, NULL, NULL, &session) != CKR_OK)
        continue;
      read_nss_token (&m, session, out);
      m.module->C_CloseSession (session);
    }
  if (!builtin)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_UNSUPPORTED,
                   "%s is not NSS's built-in roots module (no “Builtin Object Token”)",
                   module_path);
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* ---- p11-kit system trust ---------------------------------------------------- */

/* The purposes listed by a stapled extension (DER of a whole Extension). */
static GStrv
stapled_purposes (GBytes *extension)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (extension, &len);
  SignetDerReader outer, inner;
  SignetDerTlv seq, oid, tlv;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (gnutls_x509_key_purposes_t) purposes = NULL;
  gnutls_datum_t value;

  signet_der_reader_init (&outer, data, len);
  if (!signet_der_read_expect (&outer, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE, &seq))
    return NULL;
  signet_der_reader_init_contents (&inner, &seq);
  if (!signet_der_read_expect (&inner, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_OID, &oid) ||
      !signet_der_read (&inner, &tlv))
    return NULL;
  if (signet_der_tlv_is (&tlv, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_BOOLEAN) &&
      !signet_der_read (&inner, &tlv))
    return NULL;
  if (!signet_der_tlv_is (&tlv, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_OCTET_STRING))
    return NULL;
  value.data = (unsigned char *) tlv.value;
  value.size = (unsigned int) tlv.value_len;
  if (gnutls_x509_key_purpose_init (&purposes) < 0 ||
      gnutls_x509_ext_import_key_purposes (&value, purposes, 0) < 0)
    return NULL;
  for (unsigned i = 0;; i++)
    {
      gnutls_datum_t p = { NULL, 0 };
      g_autofree char *oid = NULL;

      if (gnutls_x509_key_purpose_get (purposes, i, &p) < 0)
        break;
      oid = g_strndup ((const char *) p.data, p.size);
      g_strv_builder_add (builder, oid);
    }
  return g_strv_builder_end (builder);
}

/* SPKI DER (hex) -> purposes, for the stapled extensions with @oid_der. */
static void
collect_stapled (
    Module *m, CK_SESSION_HANDLE session, const guint8 *oid_der, gsize oid_len, GHashTable *out)
{
  CK_OBJECT_CLASS klass = CKO_X_CERTIFICATE_EXTENSION;
  CK_ATTRIBUTE template[] = {
    { CKA_CLASS, &klass, sizeof klass },
    { CKA_OBJECT_ID, (void *) oid_der, oid_len },
  };
  g_autoptr (GArray) handles = find_objects (m, session, template, G_N_ELEMENTS (template));

  for (guint i = 0; i < handles->len; i++)
    {
      CK_OBJECT_HANDLE obj = g_array_index (handles, CK_OBJECT_HANDLE, i);
      g_autoptr (GBytes) spki = get_attribute (m, session, obj, CKA_PUBLIC_KEY_INFO);
      g_autoptr (GBytes) value = get_attribute (m, session, obj, CKA_VALUE);
      GStrv purposes;

      if (spki == NULL || value == NULL || (purposes = stapled_purposes (value)) == NULL)
        continue;
      g_hash_table_replace (out, hex (spki), purposes);
    }
}

static char *
certificate_spki_hex (SignetCertificate *cert)
{
  g_auto (gnutls_pubkey_t) key = NULL;
  g_auto (gnutls_datum_t) der = { NULL, 0 };
  g_autoptr (GBytes) bytes = NULL;

  if (gnutls_pubkey_init (&key) < 0 ||
      gnutls_pubkey_import_x509 (key, signet_certificate_get_gnutls (cert), 0) < 0 ||
      gnutls_pubkey_export2 (key, GNUTLS_X509_FMT_DER, &der) < 0)
    return NULL;
  bytes = _signet_bytes_from_datum (&der);
  return hex (bytes);
}

static gboolean
lists_email (const char *const *purposes)
{
  return purposes != NULL && g_strv_contains (purposes, SIGNET_OID_KP_EMAIL_PROTECTION);
}

/**
 * signet_trust_anchors_load_system:
 * @paths: (nullable): colon-separated folders or files for p11-kit's trust
 *   module to read instead of its configured ones (tests), or %NULL for
 *   the system's trust
 * @error: return location for a #GError
 *
 * Reads p11-kit's system trust and keeps the anchors explicitly trusted for
 * e-mail protection (a stapled ExtendedKeyUsage listing emailProtection).
 * When no anchor carries a purpose at all, the trust is a plain TLS bundle:
 * no anchor is kept and @problem says so.
 *
 * Returns: (transfer full): the anchors, or %NULL with @error set
 *
 * Since: 0.1
 */
SignetTrustAnchors *
signet_trust_anchors_load_system (const char *paths, GError **error)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&module_lock);

  return load_system_locked (paths, error);
}

static SignetTrustAnchors *
load_system_locked (const char *paths, GError **error)
{
  g_auto (Module) m = { NULL, FALSE };
  g_autoptr (SignetTrustAnchors) out = NULL;
  g_autoptr (GArray) slots = NULL;
  g_autofree char *reserved = NULL;
  guint n_trusted = 0, n_with_purpose = 0;

  if (paths != NULL)
    {
      g_autofree char *quoted = g_shell_quote (paths);

      reserved = g_strdup_printf ("paths=%s", quoted);
    }
  if (!module_open (&m, "p11-kit-trust.so", reserved, error))
    return NULL;
  if (paths != NULL && !m.initialized_here)
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_IO,
                           "p11-kit's trust module is already in use and cannot read other paths");
      return NULL;
    }

  out = anchors_new (SIGNET_TRUST_SOURCE_SYSTEM, paths ? paths : "p11-kit-trust.so");
  slots = token_slots (&m);
  for (guint i = 0; i < slots->len; i++)
    {
      CK_SLOT_ID slot = g_array_index (slots, CK_SLOT_ID, i);
      CK_SESSION_HANDLE session;
      CK_BBOOL yes = CK_TRUE;
      CK_ATTRIBUTE trusted_attr[] = { { CKA_TRUSTED, &yes, sizeof yes } };
      CK_ATTRIBUTE distrusted_attr[] = { { CKA_X_DISTRUSTED, &yes, sizeof yes } };
      g_autoptr (GHashTable) eku =
          g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
      g_autoptr (GHashTable) reject =
          g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
      g_autoptr (GPtrArray) trusted = NULL;
      g_autoptr (GPtrArray) distrusted = NULL;

      if (m.module->C_OpenSession (slot, CKF_SERIAL_SESSION, NULL, NULL, &session) != CKR_OK)
        continue;
      collect_stapled (&m, session, der_oid_eku, sizeof der_oid_eku, eku);
      collect_stapled (&m, session, der_oid_reject, sizeof der_oid_reject, reject);
      trusted = find_certificates (&m, session, trusted_attr, 1);
      distrusted = find_certificates (&m, session, distrusted_attr, 1);
      m.module->C_CloseSession (session);

      for (guint j = 0; j < trusted->len; j++)
        {
          SignetCertificate *cert = g_ptr_array_index (trusted, j);
          g_autofree char *spki = certificate_spki_hex (cert);
          const char *const *purposes = spki ? g_hash_table_lookup (eku, spki) : NULL;
          const char *const *rejected = spki ? g_hash_table_lookup (reject, spki) : NULL;

          n_trusted++;
          if (purposes != NULL)
            n_with_purpose++;
          if (lists_email (rejected))
            add_unique (out->distrusted, cert);
          else if (lists_email (purposes))
            add_unique (out->anchors, cert);
        }
      for (guint j = 0; j < distrusted->len; j++)
        add_unique (out->distrusted, g_ptr_array_index (distrusted, j));
    }
  if (n_trusted > 0 && n_with_purpose == 0)
    out->problem =
        g_strdup_printf ("The system trust (%u certificate authorities) says nothing about their "
                         "purposes: it is a list for web sites, not for e-mail, so none is trusted "
                         "for e-mail",
                         n_trusted);
  return g_steal_pointer (&out);
}

/**
 * signet_trust_anchors_load:
 * @source: the wanted source
 *
 * Loads the anchors of @source, falling back from Mozilla's list to the
 * system trust (e-mail purpose only) and from there to none; the
 * @problem field of the result tells what went wrong on the way.
 *
 * Returns: (transfer full): the anchors (never %NULL)
 *
 * Since: 0.1
 */
SignetTrustAnchors *
signet_trust_anchors_load (SignetTrustSource source)
{
  g_autoptr (GString) problems = g_string_new (NULL);
  SignetTrustAnchors *out = NULL;

  if (source == SIGNET_TRUST_SOURCE_MOZILLA)
    {
      g_autoptr (GError) error = NULL;

      out = signet_trust_anchors_load_mozilla (NULL, &error);
      if (out == NULL)
        {
          g_string_append_printf (problems, "%s; using the system trust for e-mail instead",
                                  error->message);
          source = SIGNET_TRUST_SOURCE_SYSTEM;
        }
    }
  if (out == NULL && source == SIGNET_TRUST_SOURCE_SYSTEM)
    {
      g_autoptr (GError) error = NULL;

      out = signet_trust_anchors_load_system (NULL, &error);
      if (out == NULL)
        g_string_append_printf (problems, "%s%s", problems->len ? ". " : "", error->message);
    }
  if (out == NULL)
    out = anchors_new (SIGNET_TRUST_SOURCE_NONE, NULL);
  if (out->problem != NULL)
    g_string_append_printf (problems, "%s%s", problems->len ? ". " : "", out->problem);
  g_free (out->problem);
  out->problem = problems->len ? g_strdup (problems->str) : NULL;
  return out;
}

/**
 * signet_trust_anchors_get_default:
 * @source: the wanted source
 *
 * Like signet_trust_anchors_load(), but loaded once per process and
 * source; a problem is logged (once) with g_message().
 *
 * Returns: (transfer none): the anchors, owned by Signet for the life of
 *   the process
 *
 * Since: 0.1
 */
const SignetTrustAnchors *
signet_trust_anchors_get_default (SignetTrustSource source)
{
  static SignetTrustAnchors *cache[3];
  static GMutex lock;
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_val_if_fail (source <= SIGNET_TRUST_SOURCE_NONE, NULL);

  locker = g_mutex_locker_new (&lock);
  if (cache[source] == NULL)
    {
      cache[source] = signet_trust_anchors_load (source);
      if (cache[source]->problem != NULL)
        g_message ("E-mail trust: %s", cache[source]->problem);
      g_debug ("E-mail trust: %u anchors and %u distrusted certificates from %s (%s)",
               cache[source]->anchors->len, cache[source]->distrusted->len,
               signet_trust_source_to_string (cache[source]->source),
               cache[source]->origin ? cache[source]->origin : "nothing");
    }
  return cache[source];
}
