/* signet-name-constraints.c: name constraints on every certificate of a path.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-name-constraints.h"

#include <string.h>

#include "signet-certificate-private.h"
#include "signet-der.h"
#include "signet-gnutls-private.h"
#include "signet-limits.h"
#include "signet-oids.h"

/**
 * SignetNameConstraints:
 *
 * The name constraints collected along a path. GnuTLS parses each
 * certificate's nameConstraints extension; Signet keeps the subtrees of every
 * CA certificate apart, which is the same as RFC 5280's running
 * intersection of permitted_subtrees and union of excluded_subtrees: a
 * name is acceptable when no certificate excludes it and, for its name
 * form, every certificate that permits some names of that form permits it.
 * Unlike GnuTLS's own check, the constraints apply to every certificate
 * below the constraining CA, and the subject's emailAddress attributes are
 * checked as rfc822Names even when there are rfc822Name SANs.
 */

#define MAX_RDNS 64
#define MAX_AVAS 16

typedef struct
{
  unsigned int type; /* gnutls_x509_subject_alt_name_t */
  GBytes *name;
} Subtree;

typedef struct
{
  GArray *permitted; /* Subtree */
  GArray *excluded;  /* Subtree */
} CertConstraints;

struct _SignetNameConstraints
{
  GPtrArray *certs; /* CertConstraints */
};

static void
subtree_clear (gpointer data)
{
  Subtree *subtree = data;

  g_clear_pointer (&subtree->name, g_bytes_unref);
}

static void
cert_constraints_free (CertConstraints *cc)
{
  g_array_unref (cc->permitted);
  g_array_unref (cc->excluded);
  g_free (cc);
}

/**
 * signet_name_constraints_new:
 *
 * Returns: (transfer full): an empty constraint set (every name permitted)
 */
SignetNameConstraints *
signet_name_constraints_new (void)
{
  SignetNameConstraints *self = g_new0 (SignetNameConstraints, 1);

  self->certs = g_ptr_array_new_with_free_func ((GDestroyNotify) cert_constraints_free);
  return self;
}

/**
 * signet_name_constraints_free:
 * @self: (transfer full): a constraint set
 *
 * Frees the constraint set.
 */
void
signet_name_constraints_free (SignetNameConstraints *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->certs);
  g_free (self);
}

static GArray *
subtree_array_new (void)
{
  GArray *array = g_array_new (FALSE, TRUE, sizeof (Subtree));

  g_array_set_clear_func (array, subtree_clear);
  return array;
}

/* GnuTLS hands directoryNames out as RFC 4514 strings, which lose the
 * encoding RFC 5280 7.1 compares; they are read here as DER instead.
 * @tlv is a GeneralName; returns the Name of a directoryName ([4]). */
static GBytes *
directory_name_der (const SignetDerTlv *general_name, GBytes *owner)
{
  SignetDerReader reader;
  SignetDerTlv name;
  gsize len;
  const guint8 *base = g_bytes_get_data (owner, &len);

  if (!signet_der_tlv_is (general_name, SIGNET_DER_CLASS_CONTEXT, 4) || !general_name->constructed)
    return NULL;
  signet_der_reader_init_contents (&reader, general_name);
  if (!signet_der_read_expect (&reader, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE,
                               &name) ||
      !signet_der_reader_at_end (&reader))
    return NULL;
  return g_bytes_new_from_bytes (owner, (gsize) (name.start - base), name.total_len);
}

/* NameConstraints ::= SEQUENCE { permittedSubtrees [0] GeneralSubtrees OPTIONAL,
 *                                excludedSubtrees [1] GeneralSubtrees OPTIONAL }
 * GeneralSubtree ::= SEQUENCE { base GeneralName, minimum [0], maximum [1] } */
static gboolean
read_dn_subtrees (GBytes *ext, CertConstraints *cc)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (ext, &len);
  SignetDerReader outer, fields;
  SignetDerTlv seq, part;

  signet_der_reader_init (&outer, data, len);
  if (!signet_der_read_expect (&outer, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE, &seq))
    return FALSE;
  signet_der_reader_init_contents (&fields, &seq);
  while (signet_der_read (&fields, &part))
    {
      SignetDerReader subtrees;
      SignetDerTlv subtree;
      GArray *array;

      if (part.tag_class != SIGNET_DER_CLASS_CONTEXT || part.tag > 1 || !part.constructed)
        return FALSE;
      array = part.tag == 0 ? cc->permitted : cc->excluded;
      signet_der_reader_init_contents (&subtrees, &part);
      while (!signet_der_reader_at_end (&subtrees))
        {
          SignetDerReader st;
          SignetDerTlv base;
          Subtree entry = { GNUTLS_SAN_DN, NULL };

          if (array->len >= SIGNET_MAX_NAME_SUBTREES ||
              !signet_der_read_expect (&subtrees, SIGNET_DER_CLASS_UNIVERSAL,
                                       SIGNET_DER_TAG_SEQUENCE, &subtree))
            return FALSE;
          signet_der_reader_init_contents (&st, &subtree);
          if (!signet_der_read (&st, &base))
            return FALSE;
          if (signet_der_tlv_is (&base, SIGNET_DER_CLASS_CONTEXT, 4))
            {
              entry.name = directory_name_der (&base, ext);
              if (entry.name == NULL)
                return FALSE;
              g_array_append_val (array, entry);
            }
        }
    }
  return signet_der_reader_at_end (&fields);
}

/**
 * signet_name_constraints_add:
 * @self: a constraint set
 * @ca: a CA certificate of the path (not the last one)
 *
 * Adds @ca's nameConstraints extension, if any (RFC 5280 6.1.4 (g)).
 *
 * Returns: %FALSE when the extension cannot be parsed or is too large
 */
gboolean
signet_name_constraints_add (SignetNameConstraints *self, SignetCertificate *ca)
{
  g_auto (gnutls_x509_name_constraints_t) nc = NULL;
  CertConstraints *cc;
  unsigned int critical = 0;
  int rc;

  g_auto (gnutls_datum_t) ext = { NULL, 0 };
  g_autoptr (GBytes) ext_bytes = NULL;

  if (gnutls_x509_name_constraints_init (&nc) < 0)
    return FALSE;
  /* gnutls_x509_crt_get_name_constraints (crt, nc, 0, &critical), from
   * the extension list read once. */
  rc = _signet_certificate_get_extension_by_oid (ca, SIGNET_OID_EXT_NAME_CONSTRAINTS, &ext, &critical);
  if (rc == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
    return TRUE;
  if (rc >= 0)
    rc = gnutls_x509_ext_import_name_constraints (&ext, nc, 0);
  if (rc < 0 || self->certs->len >= SIGNET_MAX_PATH_LENGTH)
    return FALSE;

  cc = g_new0 (CertConstraints, 1);
  cc->permitted = subtree_array_new ();
  cc->excluded = subtree_array_new ();
  g_ptr_array_add (self->certs, cc);

  for (int pass = 0; pass < 2; pass++)
    {
      GArray *array = pass == 0 ? cc->permitted : cc->excluded;

      for (unsigned idx = 0;; idx++)
        {
          Subtree subtree = { 0, NULL };
          gnutls_datum_t name = { NULL, 0 };

          rc = pass == 0
                   ? gnutls_x509_name_constraints_get_permitted (nc, idx, &subtree.type, &name)
                   : gnutls_x509_name_constraints_get_excluded (nc, idx, &subtree.type, &name);
          if (rc == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
            break;
          if (rc < 0 || idx >= SIGNET_MAX_NAME_SUBTREES)
            return FALSE;
          if (subtree.type == GNUTLS_SAN_DN)
            continue;
          subtree.name = g_bytes_new (name.data, name.size);
          g_array_append_val (array, subtree);
        }
    }

  ext_bytes = _signet_bytes_from_datum (&ext);
  return read_dn_subtrees (ext_bytes, cc);
}

/* Distinguished names */

static gboolean
is_string_tag (const SignetDerTlv *tlv)
{
  if (tlv->tag_class != SIGNET_DER_CLASS_UNIVERSAL || tlv->constructed)
    return FALSE;
  switch (tlv->tag)
    {
    case 12: /* UTF8String */
    case 19: /* PrintableString */
    case 20: /* TeletexString */
    case 22: /* IA5String */
    case 26: /* VisibleString */
    case 28: /* UniversalString */
    case 30: /* BMPString */
      return TRUE;
    default:
      return FALSE;
    }
}

/* RFC 5280 7.1 / RFC 4518, simplified: leading and trailing spaces
 * removed, inner runs of spaces collapsed, case folded. NULL when the value
 * is not valid text. */
static char *
normalize_string (const SignetDerTlv *tlv)
{
  g_autofree char *utf8 = NULL;
  GString *out;
  gboolean space = FALSE;

  if (tlv->tag == 30)
    utf8 = g_convert ((const char *) tlv->value, (gssize) tlv->value_len, "UTF-8", "UCS-2BE", NULL,
                      NULL, NULL);
  else if (tlv->tag == 28)
    utf8 = g_convert ((const char *) tlv->value, (gssize) tlv->value_len, "UTF-8", "UCS-4BE", NULL,
                      NULL, NULL);
  else if (memchr (tlv->value, '\0', tlv->value_len) == NULL)
    utf8 = g_strndup ((const char *) tlv->value, tlv->value_len);
  if (utf8 == NULL || !g_utf8_validate (utf8, -1, NULL))
    return NULL;

  out = g_string_new (NULL);
  for (const char *p = utf8; *p != '\0'; p++)
    {
      if (*p == ' ')
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  {
    g_autofree char *raw = g_string_free (out, FALSE);
    return g_utf8_casefold (raw, -1);
  }
}

static gboolean
ava_equal (const SignetDerTlv *a, const SignetDerTlv *b)
{
  SignetDerReader ra, rb;
  SignetDerTlv oid_a, oid_b, val_a, val_b;
  g_autofree char *na = NULL;
  g_autofree char *nb = NULL;

  signet_der_reader_init_contents (&ra, a);
  signet_der_reader_init_contents (&rb, b);
  if (!signet_der_read_expect (&ra, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_OID, &oid_a) ||
      !signet_der_read_expect (&rb, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_OID, &oid_b) ||
      !signet_der_read (&ra, &val_a) || !signet_der_read (&rb, &val_b))
    return FALSE;
  if (oid_a.value_len != oid_b.value_len || memcmp (oid_a.value, oid_b.value, oid_a.value_len) != 0)
    return FALSE;
  if (val_a.total_len == val_b.total_len && memcmp (val_a.start, val_b.start, val_a.total_len) == 0)
    return TRUE;
  if (!is_string_tag (&val_a) || !is_string_tag (&val_b))
    return FALSE;
  na = normalize_string (&val_a);
  nb = normalize_string (&val_b);
  return na != NULL && nb != NULL && g_str_equal (na, nb);
}

static gboolean
split_set (const SignetDerTlv *set, SignetDerTlv *avas, guint *n_avas)
{
  SignetDerReader reader;

  *n_avas = 0;
  signet_der_reader_init_contents (&reader, set);
  while (!signet_der_reader_at_end (&reader))
    {
      if (*n_avas >= MAX_AVAS || !signet_der_read_expect (&reader, SIGNET_DER_CLASS_UNIVERSAL,
                                                          SIGNET_DER_TAG_SEQUENCE, &avas[*n_avas]))
        return FALSE;
      (*n_avas)++;
    }
  return *n_avas > 0;
}

static gboolean
rdn_equal (const SignetDerTlv *a, const SignetDerTlv *b)
{
  SignetDerTlv avas_a[MAX_AVAS], avas_b[MAX_AVAS];
  guint n_a, n_b;

  if (a->total_len == b->total_len && memcmp (a->start, b->start, a->total_len) == 0)
    return TRUE;
  if (!split_set (a, avas_a, &n_a) || !split_set (b, avas_b, &n_b) || n_a != n_b)
    return FALSE;
  for (guint i = 0; i < n_a; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < n_b && !found; j++)
        found = ava_equal (&avas_a[i], &avas_b[j]);
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* Splits a DER Name into its RDNs; FALSE when malformed. */
static gboolean
split_name (GBytes *name, SignetDerTlv *rdns, guint *n_rdns)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (name, &len);
  SignetDerReader outer, inner;
  SignetDerTlv seq;

  *n_rdns = 0;
  signet_der_reader_init (&outer, data, len);
  if (!signet_der_read_expect (&outer, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE, &seq) ||
      !signet_der_reader_at_end (&outer))
    return FALSE;
  signet_der_reader_init_contents (&inner, &seq);
  while (!signet_der_reader_at_end (&inner))
    {
      if (*n_rdns >= MAX_RDNS || !signet_der_read_expect (&inner, SIGNET_DER_CLASS_UNIVERSAL,
                                                          SIGNET_DER_TAG_SET, &rdns[*n_rdns]))
        return FALSE;
      (*n_rdns)++;
    }
  return TRUE;
}

/* Whether @name lies in the subtree @base (@base's RDNs are a prefix). */
static gboolean
dn_within (GBytes *name, GBytes *base)
{
  SignetDerTlv rdns_name[MAX_RDNS], rdns_base[MAX_RDNS];
  guint n_name, n_base;

  if (!split_name (name, rdns_name, &n_name) || !split_name (base, rdns_base, &n_base) ||
      n_base > n_name)
    return FALSE;
  for (guint i = 0; i < n_base; i++)
    if (!rdn_equal (&rdns_base[i], &rdns_name[i]))
      return FALSE;
  return TRUE;
}

/**
 * signet_dn_equal:
 * @a: a DER Name
 * @b: another DER Name
 *
 * Compares two distinguished names the way RFC 5280 7.1 asks: RDN by RDN,
 * attribute values of string types compared after removing insignificant
 * spaces and folding case.
 *
 * Returns: whether the names are equal
 */
gboolean
signet_dn_equal (GBytes *a, GBytes *b)
{
  SignetDerTlv rdns_a[MAX_RDNS], rdns_b[MAX_RDNS];
  guint n_a, n_b;

  if (g_bytes_equal (a, b))
    return TRUE;
  if (!split_name (a, rdns_a, &n_a) || !split_name (b, rdns_b, &n_b) || n_a != n_b)
    return FALSE;
  for (guint i = 0; i < n_a; i++)
    if (!rdn_equal (&rdns_a[i], &rdns_b[i]))
      return FALSE;
  return TRUE;
}

/* Other name forms */

static gboolean
has_suffix_ci (const char *name, gsize name_len, const char *suffix, gsize suffix_len)
{
  return name_len >= suffix_len &&
         g_ascii_strncasecmp (name + name_len - suffix_len, suffix, suffix_len) == 0;
}

/* dNSName: "example.com" covers example.com and every name below it;
 * ".example.com" only the names below it. */
static gboolean
dns_within (const char *name, gsize name_len, const char *base, gsize base_len)
{
  if (base_len == 0)
    return TRUE;
  if (base[0] == '.')
    return name_len > base_len && has_suffix_ci (name, name_len, base, base_len);
  if (name_len == base_len)
    return g_ascii_strncasecmp (name, base, base_len) == 0;
  return name_len > base_len && name[name_len - base_len - 1] == '.' &&
         has_suffix_ci (name, name_len, base, base_len);
}

/* rfc822Name: a mailbox, a host (all mailboxes on it) or ".domain" (every
 * host below the domain). */
static gboolean
rfc822_within (const char *name, gsize name_len, const char *base, gsize base_len)
{
  const char *at = NULL;
  const char *domain;
  gsize domain_len;

  if (base_len == 0)
    return TRUE;
  if (memchr (base, '@', base_len) != NULL)
    return name_len == base_len && g_ascii_strncasecmp (name, base, base_len) == 0;
  for (gsize i = name_len; i > 0 && at == NULL; i--)
    if (name[i - 1] == '@')
      at = name + i - 1;
  if (at == NULL)
    return FALSE;
  domain = at + 1;
  domain_len = name_len - (gsize) (domain - name);
  if (base[0] == '.')
    return domain_len > base_len && has_suffix_ci (domain, domain_len, base, base_len);
  return domain_len == base_len && g_ascii_strncasecmp (domain, base, base_len) == 0;
}

/* uniformResourceIdentifier: the constraint applies to the host part. */
static gboolean
uri_within (const char *name, gsize name_len, const char *base, gsize base_len)
{
  g_autofree char *uri = g_strndup (name, name_len);
  g_autoptr (GUri) parsed = NULL;
  const char *host;

  if (strlen (uri) != name_len)
    return FALSE;
  parsed = g_uri_parse (uri, G_URI_FLAGS_NON_DNS | G_URI_FLAGS_ENCODED, NULL);
  if (parsed == NULL || (host = g_uri_get_host (parsed)) == NULL || *host == '\0')
    return FALSE;
  if (base_len == 0)
    return TRUE;
  if (base[0] == '.')
    return strlen (host) > base_len && has_suffix_ci (host, strlen (host), base, base_len);
  return strlen (host) == base_len && g_ascii_strncasecmp (host, base, base_len) == 0;
}

/* iPAddress: the constraint is an address followed by a mask. */
static gboolean
ip_within (const guint8 *addr, gsize addr_len, const guint8 *base, gsize base_len)
{
  if ((addr_len != 4 && addr_len != 16) || base_len != 2 * addr_len)
    return FALSE;
  for (gsize i = 0; i < addr_len; i++)
    if ((addr[i] & base[addr_len + i]) != (base[i] & base[addr_len + i]))
      return FALSE;
  return TRUE;
}

static gboolean
type_is_supported (unsigned int type)
{
  return type == GNUTLS_SAN_DN || type == GNUTLS_SAN_RFC822NAME || type == GNUTLS_SAN_DNSNAME ||
         type == GNUTLS_SAN_URI || type == GNUTLS_SAN_IPADDRESS;
}

static gboolean
name_within (unsigned int type, GBytes *name, GBytes *base)
{
  gsize name_len, base_len;
  const char *n = g_bytes_get_data (name, &name_len);
  const char *b = g_bytes_get_data (base, &base_len);

  if (n == NULL)
    n = "";
  if (b == NULL)
    b = "";
  switch (type)
    {
    case GNUTLS_SAN_DN:
      return dn_within (name, base);
    case GNUTLS_SAN_RFC822NAME:
      return rfc822_within (n, name_len, b, base_len);
    case GNUTLS_SAN_DNSNAME:
      return dns_within (n, name_len, b, base_len);
    case GNUTLS_SAN_URI:
      return uri_within (n, name_len, b, base_len);
    case GNUTLS_SAN_IPADDRESS:
      return ip_within ((const guint8 *) n, name_len, (const guint8 *) b, base_len);
    default:
      return FALSE;
    }
}

/* Whether a name of this form can be compared at all (a Name that does not
 * parse, a URI without a host): such a name is never within a subtree, and
 * never escapes an excluded one either. */
static gboolean
name_evaluable (unsigned int type, GBytes *name)
{
  SignetDerTlv rdns[MAX_RDNS];
  guint n_rdns;
  gsize len;
  const char *data = g_bytes_get_data (name, &len);

  switch (type)
    {
    case GNUTLS_SAN_DN:
      return split_name (name, rdns, &n_rdns);
    case GNUTLS_SAN_URI:
      return data != NULL && uri_within (data, len, "", 0);
    case GNUTLS_SAN_IPADDRESS:
      return len == 4 || len == 16;
    default:
      return type_is_supported (type);
    }
}

static gboolean
name_allowed (SignetNameConstraints *self, unsigned int type, GBytes *name)
{
  gboolean evaluable = name_evaluable (type, name);

  for (guint c = 0; c < self->certs->len; c++)
    {
      CertConstraints *cc = g_ptr_array_index (self->certs, c);
      gboolean has_permitted = FALSE;
      gboolean permitted = FALSE;

      for (guint i = 0; i < cc->excluded->len; i++)
        {
          Subtree *subtree = &g_array_index (cc->excluded, Subtree, i);

          if (subtree->type != type)
            continue;
          /* A constrained name form Signet cannot evaluate: reject. */
          if (!evaluable || name_within (type, name, subtree->name))
            return FALSE;
        }
      for (guint i = 0; i < cc->permitted->len && !permitted; i++)
        {
          Subtree *subtree = &g_array_index (cc->permitted, Subtree, i);

          if (subtree->type != type)
            continue;
          has_permitted = TRUE;
          permitted = evaluable && name_within (type, name, subtree->name);
        }
      if (has_permitted && !permitted)
        return FALSE;
    }
  return TRUE;
}

/**
 * signet_name_constraints_check:
 * @self: a constraint set
 * @cert: a certificate below every CA added so far
 *
 * Checks the subject name, every subjectAltName and every emailAddress
 * attribute of the subject of @cert (RFC 5280 6.1.3 (b), (c)). The caller
 * skips self-issued certificates other than the last one.
 *
 * Returns: whether every name of @cert is within the constraints
 */
gboolean
signet_name_constraints_check (SignetNameConstraints *self, SignetCertificate *cert)
{
  GBytes *subject = signet_certificate_get_raw_subject (cert);
  const char *const *dn_emails = signet_certificate_get_dn_emails (cert);
  g_auto (gnutls_datum_t) ext = { NULL, 0 };
  unsigned int critical = 0;
  int rc;

  if (self->certs->len == 0)
    return TRUE;

  /* An empty subject (SEQUENCE of no RDN) is not a directoryName to check. */
  if (g_bytes_get_size (subject) > 2 && !name_allowed (self, GNUTLS_SAN_DN, subject))
    return FALSE;

  for (guint i = 0; dn_emails[i] != NULL; i++)
    {
      g_autoptr (GBytes) email = g_bytes_new (dn_emails[i], strlen (dn_emails[i]));

      if (!name_allowed (self, GNUTLS_SAN_RFC822NAME, email))
        return FALSE;
    }

  rc = _signet_certificate_get_extension_by_oid (cert, SIGNET_OID_EXT_SAN, &ext, &critical);
  if (rc == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
    return TRUE;
  if (rc < 0)
    return FALSE;
  {
    g_auto (gnutls_subject_alt_names_t) sans = NULL;

    if (gnutls_subject_alt_names_init (&sans) < 0 ||
        gnutls_x509_ext_import_subject_alt_names (&ext, sans, 0) < 0)
      return FALSE;
    for (unsigned idx = 0;; idx++)
      {
        unsigned int type = 0;
        gnutls_datum_t value = { NULL, 0 };
        g_autoptr (GBytes) name = NULL;

        rc = gnutls_subject_alt_names_get (sans, idx, &type, &value, NULL);
        if (rc == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
          break;
        if (rc < 0 || idx >= SIGNET_MAX_NAMES_PER_CERT)
          return FALSE;
        if (type == GNUTLS_SAN_DN)
          continue;
        name = g_bytes_new (value.data, value.size);
        if (!name_allowed (self, type, name))
          return FALSE;
      }
  }
  {
    g_autoptr (GBytes) ext_bytes = _signet_bytes_from_datum (&ext);
    gsize len;
    const guint8 *data = g_bytes_get_data (ext_bytes, &len);
    SignetDerReader outer, names;
    SignetDerTlv seq, general_name;

    signet_der_reader_init (&outer, data, len);
    if (!signet_der_read_expect (&outer, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE, &seq))
      return FALSE;
    signet_der_reader_init_contents (&names, &seq);
    while (signet_der_read (&names, &general_name))
      {
        g_autoptr (GBytes) dn = directory_name_der (&general_name, ext_bytes);

        if (dn != NULL && !name_allowed (self, GNUTLS_SAN_DN, dn))
          return FALSE;
      }
    if (!signet_der_reader_at_end (&names))
      return FALSE;
  }
  return TRUE;
}
