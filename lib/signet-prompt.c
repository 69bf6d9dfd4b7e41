/* signet-prompt.c: a trust question about a signature, as data.
 *
 * A prompt is made from a verified signature whose only trouble is one a
 * person can settle: an untrusted root, a self-signed certificate, a
 * changed certificate or an address the certificate does not name (and,
 * with advice only, a missing issuer). It holds everything a non-modal UI
 * shows: a title, a plain explanation, the facts to check with the sender
 * (the SHA-256 fingerprint grouped for reading aloud among them) and the
 * choices that fit the case. Nothing waits for an answer: the caller shows
 * the prompt whenever it likes, records the answer with
 * signet_trust_apply() and verifies the message again.
 *
 * No prompt is made for a signature with an error (a bad signature, a
 * revoked or distrusted certificate, a broken chain): trusting something
 * cannot repair those, and offering it would help a forger.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-prompt.h"

#include <json-glib/json-glib.h>

#include "signet-address.h"
#include "signet-strings-trust.h"
#include "signet-warning.h"

typedef struct
{
  char *id;
  char *label;
  char *value;
} Item;

static void
item_free (Item *item)
{
  g_free (item->id);
  g_free (item->label);
  g_free (item->value);
  g_free (item);
}

/**
 * SignetPrompt:
 *
 * A trust question about a signature, as data: a title, an explanation,
 * advice, the facts to check with the sender (label/value pairs, the
 * SHA-256 fingerprint among them) and the choices that fit the case
 * (stable ids such as %SIGNET_PROMPT_CHOICE_TRUST_SENDER with translated
 * labels). Nothing waits for an answer: show it in the client's own UI,
 * record the answer with signet_trust_apply() and verify again.
 *
 * Since: 0.1
 */
struct _SignetPrompt
{
  GObject parent_instance;

  SignetPromptKind kind;
  char *title;
  char *explanation;
  char *advice;
  SignetCertificate *signer;
  SignetCertificate *subject;
  char *address;
  char *previous_sha256;
  GPtrArray *facts;   /* Item: id, label, value */
  GPtrArray *choices; /* Item: id, label */
};

G_DEFINE_FINAL_TYPE (SignetPrompt, signet_prompt, G_TYPE_OBJECT)

static void
signet_prompt_finalize (GObject *object)
{
  SignetPrompt *self = SIGNET_PROMPT (object);

  g_free (self->title);
  g_free (self->explanation);
  g_free (self->advice);
  g_clear_object (&self->signer);
  g_clear_object (&self->subject);
  g_free (self->address);
  g_free (self->previous_sha256);
  g_clear_pointer (&self->facts, g_ptr_array_unref);
  g_clear_pointer (&self->choices, g_ptr_array_unref);

  G_OBJECT_CLASS (signet_prompt_parent_class)->finalize (object);
}

static void
signet_prompt_class_init (SignetPromptClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = signet_prompt_finalize;
}

static void
signet_prompt_init (SignetPrompt *self)
{
  self->facts = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
}

/**
 * signet_prompt_kind_to_string:
 * @kind: a prompt kind
 *
 * Gets the stable name of a prompt kind.
 *
 * Returns: the stable name of @kind (the warning code it answers)
 *
 * Since: 0.1
 */
const char *
signet_prompt_kind_to_string (SignetPromptKind kind)
{
  switch (kind)
    {
    case SIGNET_PROMPT_UNTRUSTED_ROOT:
      return SIGNET_WARNING_UNTRUSTED_ROOT;
    case SIGNET_PROMPT_ISSUER_UNKNOWN:
      return SIGNET_WARNING_ISSUER_UNKNOWN;
    case SIGNET_PROMPT_SELF_SIGNED:
      return SIGNET_WARNING_SELF_SIGNED;
    case SIGNET_PROMPT_CERTIFICATE_CHANGED:
      return SIGNET_WARNING_CERTIFICATE_CHANGED;
    case SIGNET_PROMPT_ADDRESS_MISMATCH:
    default:
      return SIGNET_WARNING_ADDRESS_MISMATCH;
    }
}

static void
add_fact (SignetPrompt *self, const char *id, const char *value)
{
  Item *item;

  if (value == NULL || *value == '\0')
    return;
  item = g_new0 (Item, 1);
  item->id = g_strdup (id);
  item->label = g_strdup (signet_strings_trust_fact_label (id));
  item->value = g_strdup (value);
  g_ptr_array_add (self->facts, item);
}

static void
add_choice (SignetPrompt *self, const char *id)
{
  Item *item = g_new0 (Item, 1);

  item->id = g_strdup (id);
  item->label = signet_strings_trust_choice_label (id, self->address);
  g_ptr_array_add (self->choices, item);
}

/* Upper-case hex in groups of four, eight groups to a line, as
 * signet_certificate_format_fingerprint() writes it. */
static char *
format_hex_fingerprint (const char *sha256)
{
  GString *s = g_string_new (NULL);

  for (gsize i = 0; sha256[i] != '\0'; i++)
    {
      if (i > 0 && i % 32 == 0)
        g_string_append_c (s, '\n');
      else if (i > 0 && i % 4 == 0)
        g_string_append_c (s, ' ');
      g_string_append_c (s, g_ascii_toupper (sha256[i]));
    }
  return g_string_free (s, FALSE);
}

static void
add_certificate_facts (SignetPrompt *self, SignetCertificate *cert)
{
  g_autofree char *fingerprint = signet_certificate_format_fingerprint (cert);
  g_autofree char *from =
      signet_strings_trust_format_date (signet_certificate_get_not_before (cert));
  g_autofree char *until =
      signet_strings_trust_format_date (signet_certificate_get_not_after (cert));
  const char *const *emails = signet_certificate_get_emails (cert);
  g_autofree char *joined = emails && emails[0] ? g_strjoinv (", ", (char **) emails) : NULL;

  add_fact (self, "name", signet_certificate_get_display_name (cert));
  add_fact (self, "address", self->address);
  add_fact (self, "certificate-addresses", joined);
  add_fact (self, "fingerprint", fingerprint);
  add_fact (self, "valid-from", from);
  add_fact (self, "valid-until", until);
  add_fact (self, "issuer", signet_certificate_get_issuer (cert));
}

static SignetWarning *
find_warning (SignetSignature *sig, const char *code, SignetSeverity min)
{
  GPtrArray *warnings = signet_signature_get_warnings (sig);

  for (guint i = 0; i < warnings->len; i++)
    {
      SignetWarning *w = g_ptr_array_index (warnings, i);

      if (g_str_equal (signet_warning_get_code (w), code) && signet_warning_get_severity (w) >= min)
        return w;
    }
  return NULL;
}

static gboolean
has_error (SignetSignature *sig)
{
  GPtrArray *warnings = signet_signature_get_warnings (sig);

  for (guint i = 0; i < warnings->len; i++)
    if (signet_warning_get_severity (g_ptr_array_index (warnings, i)) == SIGNET_SEVERITY_ERROR)
      return TRUE;
  return FALSE;
}

/* The address a pin of @cert is for: a message address it names, else
 * the first message address, else its own first address. */
static const char *
sender_address (SignetSignature *sig, SignetCertificate *cert)
{
  const char *const *addresses = signet_signature_get_message_addresses (sig);
  const char *const *emails = signet_certificate_get_emails (cert);

  for (guint i = 0; addresses != NULL && addresses[i] != NULL; i++)
    if (signet_address_list_contains (emails, addresses[i], NULL))
      return addresses[i];
  if (addresses != NULL && addresses[0] != NULL)
    return addresses[0];
  return emails != NULL ? emails[0] : NULL;
}

static SignetCertificate *
chain_top (SignetSignature *sig, const char *sha256)
{
  GPtrArray *chain = signet_signature_get_chain (sig);

  for (guint i = 0; chain != NULL && i < chain->len; i++)
    if (g_strcmp0 (signet_certificate_get_sha256 (g_ptr_array_index (chain, i)), sha256) == 0)
      return g_ptr_array_index (chain, i);
  return chain != NULL && chain->len > 0 ? g_ptr_array_index (chain, chain->len - 1) : NULL;
}

static const char *
who (SignetCertificate *cert)
{
  return signet_certificate_get_display_name (cert);
}

static SignetPrompt *
prompt_changed (SignetSignature *sig,
                SignetTrust *trust,
                SignetCertificate *signer,
                SignetWarning *w)
{
  g_autoptr (SignetPrompt) self = g_object_new (SIGNET_TYPE_PROMPT, NULL);
  const char *address = signet_warning_get_detail_string (w, "address");
  const char *old_sha256 = signet_warning_get_detail_string (w, "old_sha256");
  g_autofree char *old_fp = old_sha256 ? format_hex_fingerprint (old_sha256) : NULL;
  gboolean issuer_changed = FALSE;
  GVariant *details = signet_warning_get_details (w);

  if (address == NULL || (trust != NULL && signet_trust_is_pinned (trust, address, signer)))
    return NULL;
  if (details != NULL)
    g_variant_lookup (details, "issuer_changed", "b", &issuer_changed);
  self->kind = SIGNET_PROMPT_CERTIFICATE_CHANGED;
  self->address = g_strdup (address);
  self->previous_sha256 = g_strdup (old_sha256);
  self->subject = g_object_ref (signer);
  self->explanation = signet_strings_trust_explain_certificate_changed (
      address, issuer_changed, signet_warning_get_detail_string (w, "old_issuer"),
      signet_warning_get_detail_string (w, "new_issuer"));
  add_certificate_facts (self, signer);
  add_fact (self, "previous-fingerprint", old_fp);
  add_fact (self, "previous-issuer", signet_warning_get_detail_string (w, "old_issuer"));
  add_choice (self, SIGNET_PROMPT_CHOICE_ACCEPT_NEW);
  add_choice (self, SIGNET_PROMPT_CHOICE_REJECT_NEW);
  return g_steal_pointer (&self);
}

static SignetPrompt *
prompt_mismatch (SignetSignature *sig,
                 SignetTrust *trust,
                 SignetCertificate *signer,
                 SignetWarning *w)
{
  g_autoptr (SignetPrompt) self = g_object_new (SIGNET_TYPE_PROMPT, NULL);
  const char *const *emails = signet_certificate_get_emails (signer);
  g_autofree const char **wanted = NULL;
  g_autofree char *joined = NULL;
  GVariant *details = signet_warning_get_details (w);
  const char *address = NULL;

  if (details != NULL)
    g_variant_lookup (details, "message_addresses", "^a&s", &wanted);
  for (guint i = 0; wanted != NULL && wanted[i] != NULL && address == NULL; i++)
    if (!signet_address_list_contains (emails, wanted[i], NULL))
      address = wanted[i];
  if (address == NULL || emails == NULL || emails[0] == NULL ||
      (trust != NULL && signet_trust_is_pinned (trust, address, signer)))
    return NULL;
  joined = g_strjoinv (", ", (char **) emails);
  self->kind = SIGNET_PROMPT_ADDRESS_MISMATCH;
  self->address = g_strdup (address);
  self->subject = g_object_ref (signer);
  self->explanation = signet_strings_trust_explain_address_mismatch (
      who (signer), joined, g_strv_length ((char **) emails), address);
  add_certificate_facts (self, signer);
  add_choice (self, SIGNET_PROMPT_CHOICE_PIN_ADDRESS);
  add_choice (self, SIGNET_PROMPT_CHOICE_DISTRUST);
  return g_steal_pointer (&self);
}

static SignetPrompt *
prompt_anchorless (SignetSignature *sig,
                   SignetTrust *trust,
                   SignetCertificate *signer,
                   SignetWarning *w,
                   SignetPromptKind kind)
{
  g_autoptr (SignetPrompt) self = g_object_new (SIGNET_TYPE_PROMPT, NULL);
  const char *address = sender_address (sig, signer);

  if (trust != NULL && address != NULL && signet_trust_is_pinned (trust, address, signer))
    return NULL;
  self->kind = kind;
  self->address = g_strdup (address);
  add_certificate_facts (self, signer);

  if (kind == SIGNET_PROMPT_SELF_SIGNED)
    {
      self->subject = g_object_ref (signer);
      self->explanation = signet_strings_trust_explain_self_signed (who (signer));
      if (address != NULL)
        {
          add_choice (self, SIGNET_PROMPT_CHOICE_TRUST_SENDER);
          add_choice (self, SIGNET_PROMPT_CHOICE_TRUST_SESSION);
        }
      add_choice (self, SIGNET_PROMPT_CHOICE_DISTRUST);
    }
  else if (kind == SIGNET_PROMPT_UNTRUSTED_ROOT)
    {
      SignetCertificate *root = chain_top (sig, signet_warning_get_detail_string (w, "sha256"));
      g_autofree char *root_fp = NULL;

      if (root == NULL || (trust != NULL && signet_trust_is_anchor (trust, root)))
        return NULL;
      root_fp = signet_certificate_format_fingerprint (root);
      self->subject = g_object_ref (root);
      self->explanation = signet_strings_trust_explain_untrusted_root (who (signer), who (root));
      add_fact (self, "root", who (root));
      add_fact (self, "root-fingerprint", root_fp);
      add_choice (self, SIGNET_PROMPT_CHOICE_TRUST_AUTHORITY);
      if (address != NULL)
        {
          add_choice (self, SIGNET_PROMPT_CHOICE_TRUST_SENDER);
          add_choice (self, SIGNET_PROMPT_CHOICE_TRUST_SESSION);
        }
      add_choice (self, SIGNET_PROMPT_CHOICE_DISTRUST_AUTHORITY);
    }
  else
    {
      const char *issuer = signet_warning_get_detail_string (w, "issuer");

      self->subject = g_object_ref (signer);
      self->explanation = signet_strings_trust_explain_issuer_unknown (
          who (signer), issuer ? issuer : signet_certificate_get_issuer (signer));
    }
  return g_steal_pointer (&self);
}

/**
 * signet_prompt_new_for_signature:
 * @signature: a verified signature
 * @trust: (nullable): the trust model, to leave out what is decided already
 *
 * Makes the trust question for @signature, if it has one: its most
 * important settleable problem, in this order: a changed certificate, an
 * address the certificate does not name, a self-signed certificate, an
 * untrusted root, a missing issuer.
 *
 * Returns: (transfer full) (nullable): the prompt, or %NULL when there is
 *   nothing a person can settle
 *
 * Since: 0.1
 */
SignetPrompt *
signet_prompt_new_for_signature (SignetSignature *signature, SignetTrust *trust)
{
  SignetCertificate *signer;
  SignetPrompt *prompt = NULL;
  SignetWarning *w;

  g_return_val_if_fail (SIGNET_IS_SIGNATURE (signature), NULL);
  g_return_val_if_fail (trust == NULL || SIGNET_IS_TRUST (trust), NULL);

  signer = signet_signature_get_signer (signature);
  if (signer == NULL || has_error (signature) ||
      (trust != NULL && signet_trust_is_distrusted (trust, signer)))
    return NULL;

  /* A renewal by the same authority is information, not a question. */
  if ((w = find_warning (signature, SIGNET_WARNING_CERTIFICATE_CHANGED, SIGNET_SEVERITY_WARNING)))
    prompt = prompt_changed (signature, trust, signer, w);
  if (prompt == NULL &&
      (w = find_warning (signature, SIGNET_WARNING_ADDRESS_MISMATCH, SIGNET_SEVERITY_INFO)))
    prompt = prompt_mismatch (signature, trust, signer, w);
  if (prompt == NULL &&
      (w = find_warning (signature, SIGNET_WARNING_SELF_SIGNED, SIGNET_SEVERITY_INFO)))
    prompt = prompt_anchorless (signature, trust, signer, w, SIGNET_PROMPT_SELF_SIGNED);
  if (prompt == NULL &&
      (w = find_warning (signature, SIGNET_WARNING_UNTRUSTED_ROOT, SIGNET_SEVERITY_INFO)))
    prompt = prompt_anchorless (signature, trust, signer, w, SIGNET_PROMPT_UNTRUSTED_ROOT);
  if (prompt == NULL &&
      (w = find_warning (signature, SIGNET_WARNING_ISSUER_UNKNOWN, SIGNET_SEVERITY_INFO)))
    prompt = prompt_anchorless (signature, trust, signer, w, SIGNET_PROMPT_ISSUER_UNKNOWN);
  if (prompt == NULL)
    return NULL;

  prompt->signer = g_object_ref (signer);
  prompt->title =
      g_strdup (signet_strings_trust_title (signet_prompt_kind_to_string (prompt->kind)));
  prompt->advice =
      g_strdup (signet_strings_trust_advice (signet_prompt_kind_to_string (prompt->kind)));
  return prompt;
}

/**
 * signet_prompt_get_kind:
 * @self: a prompt
 *
 * Gets the kind of question.
 *
 * Returns: what the question is about
 *
 * Since: 0.1
 */
SignetPromptKind
signet_prompt_get_kind (SignetPrompt *self)
{
  g_return_val_if_fail (SIGNET_IS_PROMPT (self), SIGNET_PROMPT_UNTRUSTED_ROOT);
  return self->kind;
}

/**
 * signet_prompt_get_title:
 * @self: a prompt
 *
 * Gets the translated title.
 *
 * Returns: the translated title
 *
 * Since: 0.1
 */
const char *
signet_prompt_get_title (SignetPrompt *self)
{
  g_return_val_if_fail (SIGNET_IS_PROMPT (self), NULL);
  return self->title;
}

/**
 * signet_prompt_get_explanation:
 * @self: a prompt
 *
 * Gets the translated explanation, in plain words.
 *
 * Returns: the translated explanation, in plain words
 *
 * Since: 0.1
 */
const char *
signet_prompt_get_explanation (SignetPrompt *self)
{
  g_return_val_if_fail (SIGNET_IS_PROMPT (self), NULL);
  return self->explanation;
}

/**
 * signet_prompt_get_advice:
 * @self: a prompt
 *
 * Gets the translated advice: what the person can do besides choosing.
 *
 * Returns: (nullable): what the person can do besides choosing
 *
 * Since: 0.1
 */
const char *
signet_prompt_get_advice (SignetPrompt *self)
{
  g_return_val_if_fail (SIGNET_IS_PROMPT (self), NULL);
  return self->advice;
}

/**
 * signet_prompt_get_signer:
 * @self: a prompt
 *
 * Gets the signer's certificate.
 *
 * Returns: (transfer none): the signer's certificate
 *
 * Since: 0.1
 */
SignetCertificate *
signet_prompt_get_signer (SignetPrompt *self)
{
  g_return_val_if_fail (SIGNET_IS_PROMPT (self), NULL);
  return self->signer;
}

/**
 * signet_prompt_get_subject:
 * @self: a prompt
 *
 * Gets the certificate the question is about: the root for
 * %SIGNET_PROMPT_UNTRUSTED_ROOT, else the signer's.
 *
 * Returns: (transfer none): the certificate the question is about: the
 *   root for %SIGNET_PROMPT_UNTRUSTED_ROOT, else the signer's
 *
 * Since: 0.1
 */
SignetCertificate *
signet_prompt_get_subject (SignetPrompt *self)
{
  g_return_val_if_fail (SIGNET_IS_PROMPT (self), NULL);
  return self->subject;
}

/**
 * signet_prompt_get_address:
 * @self: a prompt
 *
 * Gets the address the question is about (the one a pin would be for).
 *
 * Returns: (nullable): the address the question is about (the one a pin
 *   would be for)
 *
 * Since: 0.1
 */
const char *
signet_prompt_get_address (SignetPrompt *self)
{
  g_return_val_if_fail (SIGNET_IS_PROMPT (self), NULL);
  return self->address;
}

/**
 * signet_prompt_get_previous_sha256:
 * @self: a prompt
 *
 * Gets the SHA-256 fingerprint of the certificate the sender used before
 * (for %SIGNET_PROMPT_CERTIFICATE_CHANGED).
 *
 * Returns: (nullable): for %SIGNET_PROMPT_CERTIFICATE_CHANGED, the SHA-256
 *   of the certificate the sender used before
 *
 * Since: 0.1
 */
const char *
signet_prompt_get_previous_sha256 (SignetPrompt *self)
{
  g_return_val_if_fail (SIGNET_IS_PROMPT (self), NULL);
  return self->previous_sha256;
}

/**
 * signet_prompt_get_n_facts:
 * @self: a prompt
 *
 * Gets the number of facts the prompt shows.
 *
 * Returns: how many facts the prompt shows
 *
 * Since: 0.1
 */
guint
signet_prompt_get_n_facts (SignetPrompt *self)
{
  g_return_val_if_fail (SIGNET_IS_PROMPT (self), 0);
  return self->facts->len;
}

static Item *
item_at (GPtrArray *items, guint index)
{
  g_return_val_if_fail (index < items->len, NULL);
  return g_ptr_array_index (items, index);
}

/**
 * signet_prompt_get_fact_id:
 * @self: a prompt
 * @index: a fact index
 *
 * Gets the stable id of the fact (see signet_strings_trust_fact_label()).
 *
 * Returns: the stable id of the fact (see signet_strings_trust_fact_label())
 *
 * Since: 0.1
 */
const char *
signet_prompt_get_fact_id (SignetPrompt *self, guint index)
{
  Item *item;

  g_return_val_if_fail (SIGNET_IS_PROMPT (self), NULL);
  item = item_at (self->facts, index);
  return item ? item->id : NULL;
}

/**
 * signet_prompt_get_fact_label:
 * @self: a prompt
 * @index: a fact index
 *
 * Gets the translated label of the fact.
 *
 * Returns: the translated label of the fact
 *
 * Since: 0.1
 */
const char *
signet_prompt_get_fact_label (SignetPrompt *self, guint index)
{
  Item *item;

  g_return_val_if_fail (SIGNET_IS_PROMPT (self), NULL);
  item = item_at (self->facts, index);
  return item ? item->label : NULL;
}

/**
 * signet_prompt_get_fact_value:
 * @self: a prompt
 * @index: a fact index
 *
 * Gets the value of the fact.
 *
 * Returns: the value of the fact
 *
 * Since: 0.1
 */
const char *
signet_prompt_get_fact_value (SignetPrompt *self, guint index)
{
  Item *item;

  g_return_val_if_fail (SIGNET_IS_PROMPT (self), NULL);
  item = item_at (self->facts, index);
  return item ? item->value : NULL;
}

/**
 * signet_prompt_lookup_fact:
 * @self: a prompt
 * @id: a fact id
 *
 * Looks a fact up by its stable id.
 *
 * Returns: (nullable): the value of the fact @id, or %NULL
 *
 * Since: 0.1
 */
const char *
signet_prompt_lookup_fact (SignetPrompt *self, const char *id)
{
  g_return_val_if_fail (SIGNET_IS_PROMPT (self), NULL);
  for (guint i = 0; i < self->facts->len; i++)
    if (g_str_equal (((Item *) g_ptr_array_index (self->facts, i))->id, id))
      return ((Item *) g_ptr_array_index (self->facts, i))->value;
  return NULL;
}

/**
 * signet_prompt_get_n_choices:
 * @self: a prompt
 *
 * Gets the number of choices (0 for a prompt that only advises).
 *
 * Returns: how many choices there are (0 for a prompt that only advises)
 *
 * Since: 0.1
 */
guint
signet_prompt_get_n_choices (SignetPrompt *self)
{
  g_return_val_if_fail (SIGNET_IS_PROMPT (self), 0);
  return self->choices->len;
}

/**
 * signet_prompt_get_choice_id:
 * @self: a prompt
 * @index: a choice index
 *
 * Gets the stable id of the choice (one of `SIGNET_PROMPT_CHOICE_*`).
 *
 * Returns: the stable id of the choice (one of `SIGNET_PROMPT_CHOICE_*`)
 *
 * Since: 0.1
 */
const char *
signet_prompt_get_choice_id (SignetPrompt *self, guint index)
{
  Item *item;

  g_return_val_if_fail (SIGNET_IS_PROMPT (self), NULL);
  item = item_at (self->choices, index);
  return item ? item->id : NULL;
}

/**
 * signet_prompt_get_choice_label:
 * @self: a prompt
 * @index: a choice index
 *
 * Gets the translated label of the choice.
 *
 * Returns: the translated label of the choice
 *
 * Since: 0.1
 */
const char *
signet_prompt_get_choice_label (SignetPrompt *self, guint index)
{
  Item *item;

  g_return_val_if_fail (SIGNET_IS_PROMPT (self), NULL);
  item = item_at (self->choices, index);
  return item ? item->label : NULL;
}

/**
 * signet_prompt_has_choice:
 * @self: a prompt
 * @choice: a choice id
 *
 * Checks whether @choice is one of the prompt's choices.
 *
 * Returns: whether @choice is one of the prompt's choices
 *
 * Since: 0.1
 */
gboolean
signet_prompt_has_choice (SignetPrompt *self, const char *choice)
{
  g_return_val_if_fail (SIGNET_IS_PROMPT (self), FALSE);
  for (guint i = 0; choice != NULL && i < self->choices->len; i++)
    if (g_str_equal (((Item *) g_ptr_array_index (self->choices, i))->id, choice))
      return TRUE;
  return FALSE;
}

/**
 * signet_prompt_to_json:
 * @self: a prompt
 * @pretty: whether to indent
 *
 * Describes the prompt as JSON, for clients that render it from data.
 *
 * Returns: (transfer full): the prompt as a JSON object: `kind`, `title`,
 *   `explanation`, `advice`, `address`, `facts` (`id`, `label`, `value`)
 *   and `choices` (`id`, `label`)
 *
 * Since: 0.1
 */
char *
signet_prompt_to_json (SignetPrompt *self, gboolean pretty)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (SIGNET_IS_PROMPT (self), NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, signet_prompt_kind_to_string (self->kind));
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, self->title);
  json_builder_set_member_name (b, "explanation");
  json_builder_add_string_value (b, self->explanation);
  if (self->advice)
    {
      json_builder_set_member_name (b, "advice");
      json_builder_add_string_value (b, self->advice);
    }
  if (self->address)
    {
      json_builder_set_member_name (b, "address");
      json_builder_add_string_value (b, self->address);
    }
  for (guint pass = 0; pass < 2; pass++)
    {
      GPtrArray *items = pass == 0 ? self->facts : self->choices;

      json_builder_set_member_name (b, pass == 0 ? "facts" : "choices");
      json_builder_begin_array (b);
      for (guint i = 0; i < items->len; i++)
        {
          Item *item = g_ptr_array_index (items, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, item->id);
          json_builder_set_member_name (b, "label");
          json_builder_add_string_value (b, item->label);
          if (item->value)
            {
              json_builder_set_member_name (b, "value");
              json_builder_add_string_value (b, item->value);
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, pretty);
  return json_generator_to_data (gen, NULL);
}
