/* signet-evolution-display.c: the buttons of Signet's box and the alert bar.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-evolution-display.h"

#include <glib/gi18n-lib.h>

#include <e-util/e-util.h>
#include <mail/e-mail-display.h>
#include <shell/e-shell.h>

#include "signet-certs-only.h"
#include "signet-evolution-checker.h"
#include "signet-evolution-parser.h"
#include "signet-evolution-part.h"
#include "signet-evolution-render.h"
#include "signet-strings.h"

/**
 * SignetEvolutionDisplay:
 *
 * An #EExtension of Evolution's #EMailDisplay (the web view showing a
 * message) that makes the buttons of Signet's box work and shows the alert
 * bar:
 *
 * - a trust choice (`signet-choice`, value "TOKEN CHOICE") is recorded
 *   with signet_evolution_checker_apply() in a worker thread; the Signet
 *   parts of the message shown are then checked again there and the
 *   display is reloaded, so the new verdict shows at once;
 * - "Import the sender's certificate" (`signet-import`, value "TOKEN")
 *   adds the signer's certificate and its chain to the Signet store;
 * - "Export my certificate…" (`signet-export`) writes the certificates the
 *   store holds for the address of the account the message was received on
 *   (or of the default mail identity) as a certs-only file (.p7c), to
 *   `$SIGNET_EVOLUTION_EXPORT_DIR` when it is set and otherwise where the
 *   user chooses in a non-modal file chooser;
 * - when the verdict on the message shown is not "valid", an #EAlert with
 *   Signet's verdict sentence in the reader's alert bar (the preview
 *   pane's, never the web view's own, which would replace the message);
 *   `SIGNET_EVOLUTION_ALERT_BAR=0` or the `evolution-alert-bar` key of
 *   `org.signet.Signet`, when installed, turns it off.
 *
 * Outcomes are told in the alert bar too: nothing here opens a modal
 * dialog or blocks the main loop on the store.
 */
struct _SignetEvolutionDisplay
{
  EExtension parent_instance;

  GCancellable *cancellable; /* cancelled when the extension goes */
  EAlert *verdict_alert;     /* the alert shown for the verdict, if any */
  char *alerted_message_id;  /* and the message it is about */
  gboolean busy;             /* a decision is being recorded */
};

G_DEFINE_DYNAMIC_TYPE_EXTENDED (
    SignetEvolutionDisplay, signet_evolution_display, E_TYPE_EXTENSION, G_TYPE_FLAG_FINAL, {})

static EMailDisplay *
get_display (SignetEvolutionDisplay *self)
{
  return E_MAIL_DISPLAY (e_extension_get_extensible (E_EXTENSION (self)));
}

/* The sink of the reader's alert bar: the closest ancestor that is one.
 * Not the web view itself: EWebView shows an alert by replacing the page. */
static EAlertSink *
find_alert_sink (SignetEvolutionDisplay *self)
{
  EExtensible *extensible = e_extension_get_extensible (E_EXTENSION (self));
  GtkWidget *widget;

  if (extensible == NULL || gtk_widget_in_destruction (GTK_WIDGET (extensible)))
    return NULL;
  widget = GTK_WIDGET (extensible);
  for (widget = gtk_widget_get_parent (widget); widget != NULL;
       widget = gtk_widget_get_parent (widget))
    if (E_IS_ALERT_SINK (widget))
      return E_ALERT_SINK (widget);
  return NULL;
}

static EAlert *
submit_alert (SignetEvolutionDisplay *self, const char *tag, const char *arg0, const char *arg1)
{
  EAlertSink *sink = find_alert_sink (self);
  EAlert *alert;

  if (sink == NULL)
    return NULL;
  alert = e_alert_new (tag, arg0, arg1, NULL);
  e_alert_sink_submit_alert (sink, alert);
  return alert;
}

/* The Signet parts of the message shown. */
static GPtrArray *
shown_parts (SignetEvolutionDisplay *self)
{
  EMailPartList *part_list = e_mail_display_get_part_list (get_display (self));
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_object_unref);
  GQueue queue = G_QUEUE_INIT;

  if (part_list == NULL)
    return parts;
  e_mail_part_list_queue_parts (part_list, NULL, &queue);
  while (!g_queue_is_empty (&queue))
    {
      EMailPart *part = g_queue_pop_head (&queue);

      if (SIGNET_IS_EVOLUTION_PART (part))
        g_ptr_array_add (parts, part);
      else
        g_object_unref (part);
    }
  return parts;
}

/* The alert bar */

static gboolean
alert_bar_enabled (void)
{
  const char *env = g_getenv ("SIGNET_EVOLUTION_ALERT_BAR");
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings) settings = NULL;

  if (env != NULL && *env != '\0')
    return !(g_str_equal (env, "0") || g_ascii_strcasecmp (env, "false") == 0 ||
             g_ascii_strcasecmp (env, "no") == 0);
  schema =
      source != NULL ? g_settings_schema_source_lookup (source, "org.signet.Signet", TRUE) : NULL;
  if (schema == NULL || !g_settings_schema_has_key (schema, "evolution-alert-bar"))
    return TRUE;
  settings = g_settings_new_full (schema, NULL, NULL);
  return g_settings_get_boolean (settings, "evolution-alert-bar");
}

static void
clear_verdict_alert (SignetEvolutionDisplay *self)
{
  if (self->verdict_alert != NULL)
    e_alert_response (self->verdict_alert, GTK_RESPONSE_CLOSE);
  g_clear_object (&self->verdict_alert);
  g_clear_pointer (&self->alerted_message_id, g_free);
}

/* Shows Signet's verdict in the alert bar when the message shown has a
 * Signet part whose verdict is not "valid"; takes the alert away
 * otherwise. */
static void
update_verdict_alert (SignetEvolutionDisplay *self)
{
  SignetEvolutionChecker *checker = signet_evolution_checker_get_default ();
  g_autoptr (GPtrArray) parts = shown_parts (self);

  clear_verdict_alert (self);
  if (!alert_bar_enabled ())
    return;

  for (guint i = 0; i < parts->len; i++)
    {
      SignetEvolutionPart *part = g_ptr_array_index (parts, i);
      g_autoptr (SignetReport) report = NULL;
      g_autofree char *line = NULL;
      g_autofree char *primary = NULL;
      SignetVerdict verdict;

      /* Made before a trust decision: check again from what is known (as
       * the formatter does), which takes milliseconds. */
      signet_evolution_parser_refresh_part (part, FALSE, NULL);
      report = signet_evolution_part_dup_report (part, NULL);
      verdict = signet_report_get_verdict (report);
      if (verdict == SIGNET_VERDICT_VALID)
        continue;

      line = signet_evolution_render_verdict_line (report);
      /* Translators: the alert bar's title: "Signet:" and a verdict
       * title such as "Signature with warnings". */
      primary = g_strdup_printf (_ ("Signet: %s"),
                                 signet_strings_verdict_title (signet_verdict_to_string (verdict)));
      self->verdict_alert = submit_alert (
          self,
          verdict == SIGNET_VERDICT_WARNING ? "system:generic-warning" : "system:generic-error",
          primary, line);
      self->alerted_message_id = g_strdup (signet_evolution_part_get_message_id (part));
      signet_evolution_checker_log_event (checker, "alert", self->alerted_message_id,
                                          self->verdict_alert != NULL, "verdict",
                                          signet_verdict_to_string (verdict), "line", line, NULL);
      return;
    }
}

static void
part_list_changed_cb (GObject *display, GParamSpec *pspec, gpointer user_data)
{
  update_verdict_alert (SIGNET_EVOLUTION_DISPLAY (user_data));
}

/* Trust choices */

typedef struct
{
  EMailDisplay *display;
  SignetPrompt *prompt;
  char *choice;
  char *message_id;
  GPtrArray *parts; /* SignetEvolutionPart: checked again after the decision */
} Decision;

static void
decision_free (gpointer data)
{
  Decision *d = data;

  g_clear_object (&d->display);
  g_clear_object (&d->prompt);
  g_free (d->choice);
  g_free (d->message_id);
  g_clear_pointer (&d->parts, g_ptr_array_unref);
  g_free (d);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Decision, decision_free)

static void
decision_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Decision *d = task_data;
  GError *error = NULL;

  if (!signet_evolution_checker_apply (signet_evolution_checker_get_default (), d->prompt,
                                       d->choice, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* The parts Evolution keeps for the message shown: their next rendering
   * must show the new verdict. */
  for (guint i = 0; i < d->parts->len; i++)
    signet_evolution_parser_refresh_part (g_ptr_array_index (d->parts, i), TRUE, cancellable);
  g_task_return_boolean (task, TRUE);
}

static void
decision_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SignetEvolutionDisplay *self = SIGNET_EVOLUTION_DISPLAY (source);
  Decision *d = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  SignetEvolutionChecker *checker = signet_evolution_checker_get_default ();

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  signet_evolution_checker_log_event (checker, "decision", d->message_id, error == NULL, "choice",
                                      d->choice, "error", error ? error->message : NULL, NULL);
  if (gtk_widget_in_destruction (GTK_WIDGET (d->display)))
    return;
  if (error != NULL)
    {
      submit_alert (self, "system:simple-error", error->message, NULL);
      return;
    }
  /* Show the message again with the new verdict. */
  e_mail_display_reload (d->display);
  update_verdict_alert (self);
}

static void
choice_clicked_cb (EWebView *web_view,
                   const char *iframe_id,
                   const char *element_id,
                   const char *element_class,
                   const char *element_value,
                   const GtkAllocation *element_position,
                   gpointer user_data)
{
  SignetEvolutionDisplay *self = SIGNET_EVOLUTION_DISPLAY (user_data);
  g_auto (GStrv) fields = g_strsplit (element_value != NULL ? element_value : "", " ", 2);
  g_autoptr (SignetPrompt) prompt = NULL;
  g_autoptr (Decision) d = NULL;
  g_autoptr (GTask) task = NULL;
  g_autofree char *message_id = NULL;

  if (self->busy)
    return;
  if (g_strv_length (fields) != 2 ||
      !signet_evolution_checker_lookup (signet_evolution_checker_get_default (), fields[0], NULL,
                                        &prompt, &message_id) ||
      prompt == NULL || !signet_prompt_has_choice (prompt, fields[1]))
    {
      signet_evolution_checker_log_event (
          signet_evolution_checker_get_default (), "decision", message_id, FALSE, "choice",
          fields[0] != NULL ? fields[1] : NULL, "error", "unknown question", NULL);
      submit_alert (self, "system:simple-error",
                    _ ("This question is no longer shown. Open the message again."), NULL);
      return;
    }

  d = g_new0 (Decision, 1);
  d->display = g_object_ref (get_display (self));
  d->prompt = g_steal_pointer (&prompt);
  d->choice = g_strdup (fields[1]);
  d->message_id = g_steal_pointer (&message_id);
  d->parts = shown_parts (self);

  self->busy = TRUE;
  task = g_task_new (self, self->cancellable, decision_done, NULL);
  g_task_set_source_tag (task, choice_clicked_cb);
  g_task_set_task_data (task, g_steal_pointer (&d), decision_free);
  g_task_run_in_thread (task, decision_thread);
}

/* Importing the sender's certificate */

typedef struct
{
  GPtrArray *certificates;
  char *message_id;
  guint added;
} Import;

static void
import_free (gpointer data)
{
  Import *im = data;

  g_clear_pointer (&im->certificates, g_ptr_array_unref);
  g_free (im->message_id);
  g_free (im);
}

static void
import_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Import *im = task_data;
  g_autoptr (SignetStore) store =
      signet_evolution_checker_dup_store (signet_evolution_checker_get_default ());
  GError *error = NULL;

  if (store == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                               _ ("Signet’s certificate store cannot be opened."));
      return;
    }
  if (!signet_store_add_certificates (store, im->certificates, "evolution: imported from a message",
                                      g_get_real_time () / G_USEC_PER_SEC, &im->added, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
import_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SignetEvolutionDisplay *self = SIGNET_EVOLUTION_DISPLAY (source);
  Import *im = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *added = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  added = g_strdup_printf ("%u", im->added);
  signet_evolution_checker_log_event (signet_evolution_checker_get_default (), "import",
                                      im->message_id, error == NULL, "added", added, "error",
                                      error ? error->message : NULL, NULL);
  if (error != NULL)
    {
      submit_alert (self, "system:simple-error", error->message, NULL);
      return;
    }
  if (im->added == 0)
    text = g_strdup (_ ("The sender’s certificate and its chain are already in Signet’s store."));
  else
    text = g_strdup_printf (
        /* Translators: %u is a number of certificates. */
        g_dngettext (GETTEXT_PACKAGE, "Added %u certificate to Signet’s store.",
                     "Added %u certificates to Signet’s store.", im->added),
        im->added);
  submit_alert (self, "system:simple-info", text, NULL);
}

static void
import_clicked_cb (EWebView *web_view,
                   const char *iframe_id,
                   const char *element_id,
                   const char *element_class,
                   const char *element_value,
                   const GtkAllocation *element_position,
                   gpointer user_data)
{
  SignetEvolutionDisplay *self = SIGNET_EVOLUTION_DISPLAY (user_data);
  g_autoptr (SignetSignature) signature = NULL;
  g_autoptr (GTask) task = NULL;
  SignetCertificate *signer;
  GPtrArray *chain;
  Import *im;

  if (!signet_evolution_checker_lookup (signet_evolution_checker_get_default (), element_value,
                                        &signature, NULL, NULL) ||
      (signer = signet_signature_get_signer (signature)) == NULL)
    {
      submit_alert (self, "system:simple-error",
                    _ ("This signature is no longer shown. Open the message again."), NULL);
      return;
    }

  im = g_new0 (Import, 1);
  im->certificates = g_ptr_array_new_with_free_func (g_object_unref);
  chain = signet_signature_get_chain (signature);
  if (chain->len == 0)
    g_ptr_array_add (im->certificates, g_object_ref (signer));
  for (guint i = 0; i < chain->len; i++)
    g_ptr_array_add (im->certificates, g_object_ref (g_ptr_array_index (chain, i)));
  signet_evolution_checker_lookup (signet_evolution_checker_get_default (), element_value, NULL,
                                   NULL, &im->message_id);

  task = g_task_new (self, self->cancellable, import_done, NULL);
  g_task_set_source_tag (task, import_clicked_cb);
  g_task_set_task_data (task, im, import_free);
  g_task_run_in_thread (task, import_thread);
}

/* Exporting the user's certificate */

typedef struct
{
  EMailDisplay *display;
  char *address;
  char *message_id;
  char *directory; /* SIGNET_EVOLUTION_EXPORT_DIR, or NULL: ask */
  char *path;      /* where it was written */
  GBytes *p7c;
  guint n_certificates;
} Export;

static void
export_free (gpointer data)
{
  Export *ex = data;

  g_clear_object (&ex->display);
  g_free (ex->address);
  g_free (ex->message_id);
  g_free (ex->directory);
  g_free (ex->path);
  g_clear_pointer (&ex->p7c, g_bytes_unref);
  g_free (ex);
}

/* The address of the identity of the account the message shown was
 * received on, or of the default mail identity. */
static char *
own_address (SignetEvolutionDisplay *self)
{
  EShell *shell = e_shell_get_default ();
  ESourceRegistry *registry = shell != NULL ? e_shell_get_registry (shell) : NULL;
  EMailPartList *part_list = e_mail_display_get_part_list (get_display (self));
  CamelFolder *folder = part_list != NULL ? e_mail_part_list_get_folder (part_list) : NULL;
  g_autoptr (ESource) identity = NULL;
  const char *address;

  if (registry == NULL)
    return NULL;
  if (folder != NULL)
    {
      CamelStore *store = camel_folder_get_parent_store (folder);
      const char *uid = store != NULL ? camel_service_get_uid (CAMEL_SERVICE (store)) : NULL;
      g_autoptr (ESource) account =
          uid != NULL ? e_source_registry_ref_source (registry, uid) : NULL;

      if (account != NULL && e_source_has_extension (account, E_SOURCE_EXTENSION_MAIL_ACCOUNT))
        {
          const char *identity_uid = e_source_mail_account_get_identity_uid (
              e_source_get_extension (account, E_SOURCE_EXTENSION_MAIL_ACCOUNT));

          if (identity_uid != NULL && *identity_uid != '\0')
            identity = e_source_registry_ref_source (registry, identity_uid);
        }
    }
  if (identity == NULL || !e_source_has_extension (identity, E_SOURCE_EXTENSION_MAIL_IDENTITY))
    {
      g_clear_object (&identity);
      identity = e_source_registry_ref_default_mail_identity (registry);
    }
  if (identity == NULL || !e_source_has_extension (identity, E_SOURCE_EXTENSION_MAIL_IDENTITY))
    return NULL;
  address = e_source_mail_identity_get_address (
      e_source_get_extension (identity, E_SOURCE_EXTENSION_MAIL_IDENTITY));
  return address != NULL && *address != '\0' ? g_strdup (address) : NULL;
}

/* A file name for @address's certificates. */
static char *
export_file_name (const char *address)
{
  g_autofree char *safe = g_strdup (address);

  g_strdelimit (safe, "/\\:", '_');
  return g_strconcat (safe, ".p7c", NULL);
}

static void
export_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Export *ex = task_data;
  g_autoptr (SignetStore) store =
      signet_evolution_checker_dup_store (signet_evolution_checker_get_default ());
  g_autoptr (GPtrArray) certificates = NULL;
  GError *error = NULL;

  if (store == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                               _ ("Signet’s certificate store cannot be opened."));
      return;
    }
  certificates = signet_store_find_by_address (store, ex->address, &error);
  if (certificates == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  ex->n_certificates = certificates->len;
  if (certificates->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  ex->p7c = signet_certs_only_build_p7c (certificates, &error);
  if (ex->p7c == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (ex->directory != NULL)
    {
      g_autofree char *name = export_file_name (ex->address);

      ex->path = g_build_filename (ex->directory, name, NULL);
      if (!g_file_set_contents (ex->path, g_bytes_get_data (ex->p7c, NULL),
                                g_bytes_get_size (ex->p7c), &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void
export_report (SignetEvolutionDisplay *self, Export *ex, const GError *error)
{
  g_autofree char *text = NULL;
  g_autofree char *count = g_strdup_printf ("%u", ex->n_certificates);

  signet_evolution_checker_log_event (signet_evolution_checker_get_default (), "export",
                                      ex->message_id, error == NULL && ex->path != NULL, "address",
                                      ex->address, "path", ex->path, "certificates", count, "error",
                                      error ? error->message : NULL, NULL);
  if (error != NULL)
    {
      submit_alert (self, "system:simple-error", error->message, NULL);
      return;
    }
  /* Translators: %s is a file name. */
  text = g_strdup_printf (_ ("Your certificate was saved to %s."), ex->path);
  submit_alert (self, "system:simple-info", text, NULL);
}

static void
export_written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = G_TASK (user_data);
  g_autoptr (GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  export_report (SIGNET_EVOLUTION_DISPLAY (g_task_get_source_object (task)),
                 g_task_get_task_data (task), error);
}

static void
export_chosen_cb (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  g_autoptr (GTask) task = G_TASK (user_data);
  Export *ex = g_task_get_task_data (task);
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file == NULL || g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;

  ex->path = g_file_get_parse_name (file);
  g_file_replace_contents_bytes_async (
      file, ex->p7c, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, g_task_get_cancellable (task),
      export_written_cb, g_object_ref (task));
}

static void
export_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SignetEvolutionDisplay *self = SIGNET_EVOLUTION_DISPLAY (source);
  GTask *task = G_TASK (result);
  Export *ex = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  GtkWidget *toplevel;

  if (!g_task_propagate_boolean (task, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL || ex->path != NULL)
    {
      export_report (self, ex, error);
      return;
    }
  if (ex->n_certificates == 0)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (
          /* Translators: %s is an e-mail address. */
          _ ("Signet’s store has no certificate for %s. Import your certificate with “signet "
             "import” first."),
          ex->address);

      signet_evolution_checker_log_event (signet_evolution_checker_get_default (), "export",
                                          ex->message_id, FALSE, "address", ex->address,
                                          "certificates", "0", NULL);
      submit_alert (self, "system:simple-warning", text, NULL);
      return;
    }
  if (gtk_widget_in_destruction (GTK_WIDGET (ex->display)))
    return;

  /* Non-modal: the reader stays usable while the chooser is open. */
  toplevel = gtk_widget_get_toplevel (GTK_WIDGET (ex->display));
  chooser = gtk_file_chooser_native_new (
      /* Translators: the title of the file chooser of “Export my
       * certificate…”. */
      _ ("Export My Certificate"), gtk_widget_is_toplevel (toplevel) ? GTK_WINDOW (toplevel) : NULL,
      GTK_FILE_CHOOSER_ACTION_SAVE,
      /* Translators: the button of that file chooser that writes the file. */
      _ ("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), FALSE);
  gtk_file_chooser_set_do_overwrite_confirmation (GTK_FILE_CHOOSER (chooser), TRUE);
  name = export_file_name (ex->address);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (export_chosen_cb), g_object_ref (task));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_clicked_cb (EWebView *web_view,
                   const char *iframe_id,
                   const char *element_id,
                   const char *element_class,
                   const char *element_value,
                   const GtkAllocation *element_position,
                   gpointer user_data)
{
  SignetEvolutionDisplay *self = SIGNET_EVOLUTION_DISPLAY (user_data);
  g_autoptr (GTask) task = NULL;
  g_autoptr (GPtrArray) parts = shown_parts (self);
  const char *directory = g_getenv ("SIGNET_EVOLUTION_EXPORT_DIR");
  Export *ex;
  char *address = own_address (self);

  if (address == NULL)
    {
      signet_evolution_checker_log_event (signet_evolution_checker_get_default (), "export", NULL,
                                          FALSE, "error", "no mail identity", NULL);
      submit_alert (self, "system:simple-warning",
                    _ ("There is no mail identity with an address to export a certificate for."),
                    NULL);
      return;
    }

  ex = g_new0 (Export, 1);
  ex->display = g_object_ref (get_display (self));
  ex->address = address;
  ex->directory = directory != NULL && *directory != '\0' ? g_strdup (directory) : NULL;
  if (parts->len > 0)
    ex->message_id = g_strdup (signet_evolution_part_get_message_id (g_ptr_array_index (parts, 0)));

  task = g_task_new (self, self->cancellable, export_done, NULL);
  g_task_set_source_tag (task, export_clicked_cb);
  g_task_set_task_data (task, ex, export_free);
  g_task_run_in_thread (task, export_thread);
}

/* The type */

static const struct
{
  const char *element_class;
  EWebViewElementClickedFunc callback;
} click_handlers[] = {
  { SIGNET_EVOLUTION_CLASS_CHOICE, choice_clicked_cb },
  { SIGNET_EVOLUTION_CLASS_IMPORT, import_clicked_cb },
  { SIGNET_EVOLUTION_CLASS_EXPORT, export_clicked_cb },
};

/* The web view forgets its click handlers when it loads another page, so
 * they are registered again whenever content has loaded (as Evolution's
 * own parts do); once each. */
static void
content_loaded_cb (EWebView *web_view, const char *iframe_id, gpointer user_data)
{
  for (guint i = 0; i < G_N_ELEMENTS (click_handlers); i++)
    {
      e_web_view_unregister_element_clicked (web_view, click_handlers[i].element_class,
                                             click_handlers[i].callback, user_data);
      e_web_view_register_element_clicked (web_view, click_handlers[i].element_class,
                                           click_handlers[i].callback, user_data);
    }
}

static void
signet_evolution_display_constructed (GObject *object)
{
  SignetEvolutionDisplay *self = SIGNET_EVOLUTION_DISPLAY (object);
  EMailDisplay *display;

  G_OBJECT_CLASS (signet_evolution_display_parent_class)->constructed (object);

  display = get_display (self);
  content_loaded_cb (E_WEB_VIEW (display), NULL, self);
  g_signal_connect_object (display, "content-loaded", G_CALLBACK (content_loaded_cb), self, 0);
  g_signal_connect_object (display, "notify::part-list", G_CALLBACK (part_list_changed_cb), self,
                           0);
}

static void
signet_evolution_display_dispose (GObject *object)
{
  SignetEvolutionDisplay *self = SIGNET_EVOLUTION_DISPLAY (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->verdict_alert);
  g_clear_pointer (&self->alerted_message_id, g_free);

  G_OBJECT_CLASS (signet_evolution_display_parent_class)->dispose (object);
}

static void
signet_evolution_display_finalize (GObject *object)
{
  SignetEvolutionDisplay *self = SIGNET_EVOLUTION_DISPLAY (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (signet_evolution_display_parent_class)->finalize (object);
}

static void
signet_evolution_display_class_init (SignetEvolutionDisplayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = signet_evolution_display_constructed;
  object_class->dispose = signet_evolution_display_dispose;
  object_class->finalize = signet_evolution_display_finalize;
  E_EXTENSION_CLASS (klass)->extensible_type = E_TYPE_MAIL_DISPLAY;
}

static void
signet_evolution_display_class_finalize (SignetEvolutionDisplayClass *klass)
{
}

static void
signet_evolution_display_init (SignetEvolutionDisplay *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * signet_evolution_display_type_register:
 * @type_module: the module
 *
 * Registers the type with @type_module (from e_module_load()).
 */
void
signet_evolution_display_type_register (GTypeModule *type_module)
{
  signet_evolution_display_register_type (type_module);
}
