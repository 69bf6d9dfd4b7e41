/* signet-evolution-checker.c: the Signet core as the Evolution module uses it.
 *
 * One verifier per process, set up on first use in the mail parser's worker
 * thread: the user's Signet store, plus two hooks for tests and
 * administrators read from the environment once:
 *
 * - `SIGNET_EXTRA_ANCHORS`: colon-separated PEM or DER files whose
 *   certificates are trusted in addition to the trust model's anchors;
 * - `SIGNET_TIME`: an ISO 8601 date or date and time at which to validate
 *   instead of now (a date alone means midnight UTC);
 * - `SIGNET_EVOLUTION_RESULT_LOG`: a file that receives one JSON object per
 *   rendered result (verdict and the sentence shown) and per action taken
 *   from Signet's box (a trust decision, an import, an export, an alert).
 *
 * It also remembers the signatures and trust prompts it has shown, under
 * short tokens that the buttons of Signet's box carry, so that a click can
 * be matched to the question it answers (signet_evolution_checker_remember()).
 *
 * The verifier and the store's SQLite handle are not meant for concurrent
 * use, so verifications are serialised; each takes milliseconds.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-evolution-checker.h"

#include <json-glib/json-glib.h>

#include "signet-settings.h"
#include "signet-store.h"
#include "signet-trust.h"
#include "signet-verifier.h"

/* How many shown signatures a click can still refer to. */
#define MAX_REMEMBERED 256

typedef struct
{
  SignetSignature *signature;
  SignetPrompt *prompt; /* nullable */
  char *message_id;     /* nullable */
} Remembered;

struct _SignetEvolutionChecker
{
  GObject parent_instance;

  GMutex lock;        /* guards verifier */
  GMutex log_lock;    /* guards appends to result_log */
  GMutex memory_lock; /* guards remembered, remembered_order, next_token */
  SignetVerifier *verifier;
  SignetTrust *trust; /* set once (atomically) with the verifier */
  char *result_log;
  guint generation; /* atomic: bumped by every trust decision */

  GHashTable *remembered;  /* token -> Remembered */
  GQueue remembered_order; /* tokens, oldest first */
  guint next_token;
};

static void
remembered_free (gpointer data)
{
  Remembered *r = data;

  g_clear_object (&r->signature);
  g_clear_object (&r->prompt);
  g_free (r->message_id);
  g_free (r);
}

G_DEFINE_FINAL_TYPE (SignetEvolutionChecker, signet_evolution_checker, G_TYPE_OBJECT)

static void
signet_evolution_checker_finalize (GObject *object)
{
  SignetEvolutionChecker *self = SIGNET_EVOLUTION_CHECKER (object);

  g_clear_object (&self->verifier);
  g_clear_object (&self->trust);
  g_clear_pointer (&self->result_log, g_free);
  g_clear_pointer (&self->remembered, g_hash_table_unref);
  g_queue_clear_full (&self->remembered_order, g_free);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->log_lock);
  g_mutex_clear (&self->memory_lock);

  G_OBJECT_CLASS (signet_evolution_checker_parent_class)->finalize (object);
}

static void
signet_evolution_checker_class_init (SignetEvolutionCheckerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = signet_evolution_checker_finalize;
}

/* A date ("2030-01-01") or a full ISO 8601 date and time; UTC by default. */
static gboolean
parse_time (const char *text, gint64 *out)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *full = strchr (text, 'T') ? NULL : g_strconcat (text, "T00:00:00Z", NULL);
  g_autoptr (GDateTime) dt = g_date_time_new_from_iso8601 (full ? full : text, utc);

  if (dt == NULL)
    return FALSE;
  *out = g_date_time_to_unix (dt);
  return TRUE;
}

static void
setup_verifier (SignetEvolutionChecker *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetStore) store = NULL;
  g_autoptr (GSettings) settings = NULL;
  const char *anchors = g_getenv ("SIGNET_EXTRA_ANCHORS");
  const char *when = g_getenv ("SIGNET_TIME");

  self->verifier = signet_verifier_new ();

  store = signet_store_open (NULL, &error);
  if (store != NULL)
    signet_verifier_set_store (self->verifier, store);
  else
    g_warning ("Signet: the certificate store cannot be used (%s); verifying without it",
               error->message);
  g_clear_error (&error);

  /* The user's Signet settings (offline, OCSP order, fetch timeout, SHA-1
   * policy, trust source), shared with Claws Mail; the schema's defaults
   * when it is not installed. */
  settings = signet_settings_new ();
  signet_settings_configure_verifier (settings, self->verifier);

  /* The user's trust decisions (kept in the store when there is one):
   * anchors added or removed, distrusted certificates, pins. */
  {
    g_autoptr (SignetTrust) trust =
        signet_trust_new (store, signet_settings_get_trust_source (settings));

    signet_verifier_set_trust (self->verifier, trust);
    g_atomic_pointer_set (&self->trust, g_object_ref (trust));
  }

  if (anchors != NULL && *anchors != '\0')
    {
      g_auto (GStrv) files = g_strsplit (anchors, ":", -1);

      for (guint i = 0; files[i] != NULL; i++)
        {
          if (*files[i] == '\0')
            continue;
          if (!signet_verifier_add_anchors_from_file (self->verifier, files[i], &error))
            {
              g_warning ("Signet: SIGNET_EXTRA_ANCHORS: %s: %s", files[i], error->message);
              g_clear_error (&error);
            }
        }
    }

  if (when != NULL && *when != '\0')
    {
      gint64 t = 0;

      if (parse_time (when, &t))
        {
          signet_verifier_set_time (self->verifier, t);
          signet_trust_set_time (signet_verifier_get_trust (self->verifier), t);
        }
      else
        g_warning ("Signet: SIGNET_TIME “%s” is not an ISO 8601 date and time; using now", when);
    }
}

static void
signet_evolution_checker_init (SignetEvolutionChecker *self)
{
  const char *log = g_getenv ("SIGNET_EVOLUTION_RESULT_LOG");

  g_mutex_init (&self->lock);
  g_mutex_init (&self->log_lock);
  g_mutex_init (&self->memory_lock);
  self->remembered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, remembered_free);
  g_queue_init (&self->remembered_order);
  if (log != NULL && *log != '\0')
    self->result_log = g_strdup (log);
}

/**
 * signet_evolution_checker_get_default:
 *
 * Returns: (transfer none): the process-wide checker; it lives until the
 *   process exits
 */
SignetEvolutionChecker *
signet_evolution_checker_get_default (void)
{
  static SignetEvolutionChecker *checker = NULL;

  if (g_once_init_enter (&checker))
    g_once_init_leave (&checker, g_object_new (SIGNET_TYPE_EVOLUTION_CHECKER, NULL));
  return checker;
}

/**
 * signet_evolution_checker_verify:
 * @self: a checker
 * @message: the exact bytes of an RFC 5322 message
 * @online: whether the mail session is online (Signet may use the network)
 * @cancellable: (nullable): a #GCancellable
 * @generation: (out) (optional): the trust generation the check was made
 *   with (see signet_evolution_checker_get_generation())
 *
 * Verifies @message synchronously; call it from a worker thread.
 *
 * Returns: (transfer full): the report; a report carrying the error when
 *   the message could not be checked at all
 */
SignetReport *
signet_evolution_checker_verify (SignetEvolutionChecker *self,
                                 GBytes *message,
                                 gboolean online,
                                 GCancellable *cancellable,
                                 guint *generation)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GMutexLocker) locker = NULL;
  SignetReport *report;

  g_return_val_if_fail (SIGNET_IS_EVOLUTION_CHECKER (self), NULL);
  g_return_val_if_fail (message != NULL, NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (self->verifier == NULL)
    setup_verifier (self);
  if (generation != NULL)
    *generation = g_atomic_int_get (&self->generation);
  signet_verifier_set_offline (self->verifier, !online);
  report = signet_verifier_verify_bytes (self->verifier, message, cancellable, &error);
  if (report == NULL)
    report = signet_report_new_for_error (error);
  return report;
}

/**
 * signet_evolution_checker_dup_trust:
 * @self: a checker
 *
 * The trust model is safe to use from any thread; getting it never waits
 * for a check in progress.
 *
 * Returns: (transfer full) (nullable): the trust model the verifier uses,
 *   %NULL before the first check
 */
SignetTrust *
signet_evolution_checker_dup_trust (SignetEvolutionChecker *self)
{
  SignetTrust *trust;

  g_return_val_if_fail (SIGNET_IS_EVOLUTION_CHECKER (self), NULL);

  trust = g_atomic_pointer_get (&self->trust);
  return trust != NULL ? g_object_ref (trust) : NULL;
}

/* Writes @builder's object as one line of the result log. */
static void
append_log_line (SignetEvolutionChecker *self, JsonBuilder *builder)
{
  g_autoptr (JsonGenerator) generator = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFileOutputStream) stream = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GMutexLocker) locker = NULL;
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  line = g_strconcat (text, "\n", NULL);

  /* One write per line, in append mode, so concurrent writers never mix. */
  locker = g_mutex_locker_new (&self->log_lock);
  file = g_file_new_for_path (self->result_log);
  stream = g_file_append_to (file, G_FILE_CREATE_NONE, NULL, &error);
  if (stream == NULL ||
      !g_output_stream_write_all (G_OUTPUT_STREAM (stream), line, strlen (line), NULL, NULL,
                                  &error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error))
    g_warning ("Signet: cannot write the result log %s: %s", self->result_log, error->message);
}

/**
 * signet_evolution_checker_log_result:
 * @self: a checker
 * @message_id: (nullable): the Message-ID of the verified message
 * @subject: (nullable): its subject
 * @report: the report shown
 * @rendered_line: the sentence shown as the verdict
 * @prompt: (nullable): the (first) trust prompt shown
 * @host_smime_signed: whether the part carries Evolution's own S/MIME
 *   signature validity (which keeps the headers saying "S/MIME signed")
 *
 * Appends one JSON object (one line, `"event": "shown"`) describing what
 * was shown to the file named by `SIGNET_EVOLUTION_RESULT_LOG`; does
 * nothing when it is unset.
 */
void
signet_evolution_checker_log_result (SignetEvolutionChecker *self,
                                     const char *message_id,
                                     const char *subject,
                                     SignetReport *report,
                                     const char *rendered_line,
                                     SignetPrompt *prompt,
                                     gboolean host_smime_signed)
{
  g_autoptr (JsonBuilder) builder = NULL;
  GPtrArray *signatures;

  g_return_if_fail (SIGNET_IS_EVOLUTION_CHECKER (self));

  if (self->result_log == NULL)
    return;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "event");
  json_builder_add_string_value (builder, "shown");
  json_builder_set_member_name (builder, "message_id");
  json_builder_add_string_value (builder, message_id);
  json_builder_set_member_name (builder, "subject");
  json_builder_add_string_value (builder, subject);
  json_builder_set_member_name (builder, "verdict");
  json_builder_add_string_value (builder,
                                 signet_verdict_to_string (signet_report_get_verdict (report)));
  json_builder_set_member_name (builder, "line");
  json_builder_add_string_value (builder, rendered_line);
  json_builder_set_member_name (builder, "prompt");
  if (prompt != NULL)
    json_builder_add_string_value (builder, signet_prompt_get_title (prompt));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "prompt_choices");
  json_builder_begin_array (builder);
  for (guint i = 0; prompt != NULL && i < signet_prompt_get_n_choices (prompt); i++)
    json_builder_add_string_value (builder, signet_prompt_get_choice_label (prompt, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "prompt_choice_ids");
  json_builder_begin_array (builder);
  for (guint i = 0; prompt != NULL && i < signet_prompt_get_n_choices (prompt); i++)
    json_builder_add_string_value (builder, signet_prompt_get_choice_id (prompt, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "host_smime_signed");
  json_builder_add_boolean_value (builder, host_smime_signed);
  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  signatures = signet_report_get_signatures (report);
  for (guint i = 0; i < signatures->len; i++)
    {
      GPtrArray *warnings = signet_signature_get_warnings (g_ptr_array_index (signatures, i));

      for (guint j = 0; j < warnings->len; j++)
        json_builder_add_string_value (builder,
                                       signet_warning_get_code (g_ptr_array_index (warnings, j)));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  append_log_line (self, builder);
}

/**
 * signet_evolution_checker_log_event:
 * @self: a checker
 * @event: what happened: `alert`, `decision`, `import` or `export`
 * @message_id: (nullable): the Message-ID of the message it was about
 * @ok: whether it succeeded
 * @first_key: (nullable): the name of the first further string member,
 *   followed by its (nullable) value, and so on, ending with %NULL
 * @...: values, then more name/value pairs
 *
 * Appends one JSON object (one line) about an action taken from Signet's
 * box to the result log; does nothing when it is unset.
 */
void
signet_evolution_checker_log_event (SignetEvolutionChecker *self,
                                    const char *event,
                                    const char *message_id,
                                    gboolean ok,
                                    const char *first_key,
                                    ...)
{
  g_autoptr (JsonBuilder) builder = NULL;
  va_list args;

  g_return_if_fail (SIGNET_IS_EVOLUTION_CHECKER (self));
  g_return_if_fail (event != NULL);

  if (self->result_log == NULL)
    return;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "event");
  json_builder_add_string_value (builder, event);
  json_builder_set_member_name (builder, "message_id");
  json_builder_add_string_value (builder, message_id);
  json_builder_set_member_name (builder, "ok");
  json_builder_add_boolean_value (builder, ok);
  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    {
      json_builder_set_member_name (builder, key);
      json_builder_add_string_value (builder, va_arg (args, const char *));
    }
  va_end (args);
  json_builder_end_object (builder);

  append_log_line (self, builder);
}

/**
 * signet_evolution_checker_remember:
 * @self: a checker
 * @signature: a signature being shown
 * @prompt: (nullable): its trust prompt
 * @message_id: (nullable): the Message-ID of its message
 *
 * Keeps @signature and @prompt for a later click on one of their buttons;
 * the last %MAX_REMEMBERED are kept.
 *
 * Returns: (transfer full): the token the buttons carry (digits only)
 */
char *
signet_evolution_checker_remember (SignetEvolutionChecker *self,
                                   SignetSignature *signature,
                                   SignetPrompt *prompt,
                                   const char *message_id)
{
  g_autoptr (GMutexLocker) locker = NULL;
  Remembered *r;
  char *token;

  g_return_val_if_fail (SIGNET_IS_EVOLUTION_CHECKER (self), NULL);
  g_return_val_if_fail (SIGNET_IS_SIGNATURE (signature), NULL);

  r = g_new0 (Remembered, 1);
  r->signature = g_object_ref (signature);
  r->prompt = prompt != NULL ? g_object_ref (prompt) : NULL;
  r->message_id = g_strdup (message_id);

  locker = g_mutex_locker_new (&self->memory_lock);
  token = g_strdup_printf ("%u", ++self->next_token);
  g_hash_table_replace (self->remembered, g_strdup (token), r);
  g_queue_push_tail (&self->remembered_order, g_strdup (token));
  while (g_queue_get_length (&self->remembered_order) > MAX_REMEMBERED)
    {
      g_autofree char *oldest = g_queue_pop_head (&self->remembered_order);

      g_hash_table_remove (self->remembered, oldest);
    }
  return token;
}

/**
 * signet_evolution_checker_lookup:
 * @self: a checker
 * @token: a token from signet_evolution_checker_remember()
 * @signature: (out) (transfer full) (optional): the signature
 * @prompt: (out) (transfer full) (optional) (nullable): its prompt
 * @message_id: (out) (transfer full) (optional) (nullable): its message's
 *   Message-ID
 *
 * Returns: whether @token is still known
 */
gboolean
signet_evolution_checker_lookup (SignetEvolutionChecker *self,
                                 const char *token,
                                 SignetSignature **signature,
                                 SignetPrompt **prompt,
                                 char **message_id)
{
  g_autoptr (GMutexLocker) locker = NULL;
  Remembered *r;

  g_return_val_if_fail (SIGNET_IS_EVOLUTION_CHECKER (self), FALSE);

  locker = g_mutex_locker_new (&self->memory_lock);
  r = token != NULL ? g_hash_table_lookup (self->remembered, token) : NULL;
  if (r == NULL)
    return FALSE;
  if (signature != NULL)
    *signature = g_object_ref (r->signature);
  if (prompt != NULL)
    *prompt = r->prompt != NULL ? g_object_ref (r->prompt) : NULL;
  if (message_id != NULL)
    *message_id = g_strdup (r->message_id);
  return TRUE;
}

/**
 * signet_evolution_checker_get_generation:
 * @self: a checker
 *
 * Returns: a number that every trust decision made through the checker
 *   increases: a report made with an older one may be out of date
 */
guint
signet_evolution_checker_get_generation (SignetEvolutionChecker *self)
{
  g_return_val_if_fail (SIGNET_IS_EVOLUTION_CHECKER (self), 0);
  return g_atomic_int_get (&self->generation);
}

/**
 * signet_evolution_checker_apply:
 * @self: a checker
 * @prompt: a prompt shown for one of the checker's reports
 * @choice: the id of one of its choices
 * @error: return location for a #GError
 *
 * Records @choice with signet_trust_apply() in the verifier's trust model
 * (a decision for this session only stays in this process), between two
 * checks, and makes every earlier report out of date. Blocks for a store
 * write: call it from a worker thread.
 *
 * Returns: %TRUE when recorded
 */
gboolean
signet_evolution_checker_apply (SignetEvolutionChecker *self,
                                SignetPrompt *prompt,
                                const char *choice,
                                GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_val_if_fail (SIGNET_IS_EVOLUTION_CHECKER (self), FALSE);
  g_return_val_if_fail (SIGNET_IS_PROMPT (prompt), FALSE);
  g_return_val_if_fail (choice != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  if (self->verifier == NULL)
    setup_verifier (self);
  if (!signet_trust_apply (self->trust, prompt, choice, error))
    return FALSE;
  g_atomic_int_inc (&self->generation);
  return TRUE;
}

/**
 * signet_evolution_checker_dup_store:
 * @self: a checker
 *
 * Sets the verifier up if needed (this opens the store: call it from a
 * worker thread). The store is safe to use from any thread.
 *
 * Returns: (transfer full) (nullable): the user's Signet store, %NULL when
 *   it could not be opened
 */
SignetStore *
signet_evolution_checker_dup_store (SignetEvolutionChecker *self)
{
  g_autoptr (GMutexLocker) locker = NULL;
  SignetStore *store;

  g_return_val_if_fail (SIGNET_IS_EVOLUTION_CHECKER (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (self->verifier == NULL)
    setup_verifier (self);
  store = signet_trust_get_store (self->trust);
  return store != NULL ? g_object_ref (store) : NULL;
}
