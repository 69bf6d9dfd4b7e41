/* signet-evolution-part.c: the mail part carrying Signet's report.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-evolution-part.h"

/**
 * SignetEvolutionPart:
 *
 * An #EMailPart that the parser extension adds next to Evolution's own
 * parts of a signed message. It carries Signet's #SignetReport for the
 * message the signed part belongs to, plus that message's Message-ID and
 * subject (for the result log); the formatter extension renders it.
 *
 * It also keeps the bytes that were checked and the trust generation the
 * report was made with (see signet_evolution_checker_get_generation()), so
 * that the report can be made again after a trust decision: Evolution
 * keeps parsed messages, and with them this part, while it shows them.
 */
struct _SignetEvolutionPart
{
  EMailPart parent_instance;

  GMutex lock; /* guards report and generation */
  SignetReport *report;
  guint generation;
  GBytes *checked;
  gboolean online;
  char *message_id;
  char *subject;
};

G_DEFINE_DYNAMIC_TYPE_EXTENDED (
    SignetEvolutionPart, signet_evolution_part, E_TYPE_MAIL_PART, G_TYPE_FLAG_FINAL, {})

static void
signet_evolution_part_finalize (GObject *object)
{
  SignetEvolutionPart *self = SIGNET_EVOLUTION_PART (object);

  g_clear_object (&self->report);
  g_clear_pointer (&self->checked, g_bytes_unref);
  g_mutex_clear (&self->lock);
  g_clear_pointer (&self->message_id, g_free);
  g_clear_pointer (&self->subject, g_free);

  G_OBJECT_CLASS (signet_evolution_part_parent_class)->finalize (object);
}

static void
signet_evolution_part_class_init (SignetEvolutionPartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = signet_evolution_part_finalize;
}

static void
signet_evolution_part_class_finalize (SignetEvolutionPartClass *klass)
{
}

static void
signet_evolution_part_init (SignetEvolutionPart *self)
{
  g_mutex_init (&self->lock);
}

/**
 * signet_evolution_part_type_register:
 * @type_module: the module
 *
 * Registers the type with @type_module (from e_module_load()).
 */
void
signet_evolution_part_type_register (GTypeModule *type_module)
{
  signet_evolution_part_register_type (type_module);
}

/**
 * signet_evolution_part_new:
 * @mime_part: the signed MIME part the report is about
 * @id: the part id
 * @report: Signet's report
 * @generation: the trust generation @report was made with
 * @checked: the bytes Signet checked
 * @online: whether the check could use the network
 * @message_id: (nullable): the Message-ID of the enclosing message
 * @subject: (nullable): its subject
 *
 * Returns: (transfer full): a new part with MIME type
 *   %SIGNET_EVOLUTION_PART_MIME_TYPE
 */
EMailPart *
signet_evolution_part_new (CamelMimePart *mime_part,
                           const char *id,
                           SignetReport *report,
                           guint generation,
                           GBytes *checked,
                           gboolean online,
                           const char *message_id,
                           const char *subject)
{
  SignetEvolutionPart *self;

  g_return_val_if_fail (CAMEL_IS_MIME_PART (mime_part), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (SIGNET_IS_REPORT (report), NULL);
  g_return_val_if_fail (checked != NULL, NULL);

  self = g_object_new (SIGNET_TYPE_EVOLUTION_PART, "id", id, "mime-part", mime_part, "mime-type",
                       SIGNET_EVOLUTION_PART_MIME_TYPE, NULL);
  self->report = g_object_ref (report);
  self->generation = generation;
  self->checked = g_bytes_ref (checked);
  self->online = online;
  self->message_id = g_strdup (message_id);
  self->subject = g_strdup (subject);
  return E_MAIL_PART (self);
}

/**
 * signet_evolution_part_dup_report:
 * @self: a part
 * @generation: (out) (optional): the trust generation it was made with
 *
 * Returns: (transfer full): the report
 */
SignetReport *
signet_evolution_part_dup_report (SignetEvolutionPart *self, guint *generation)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_val_if_fail (SIGNET_IS_EVOLUTION_PART (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (generation != NULL)
    *generation = self->generation;
  return g_object_ref (self->report);
}

/**
 * signet_evolution_part_set_report:
 * @self: a part
 * @report: a newer report on the same bytes
 * @generation: the trust generation it was made with
 *
 * Replaces the report unless the part already has one made with a newer
 * trust generation.
 */
void
signet_evolution_part_set_report (SignetEvolutionPart *self, SignetReport *report, guint generation)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_if_fail (SIGNET_IS_EVOLUTION_PART (self));
  g_return_if_fail (SIGNET_IS_REPORT (report));

  locker = g_mutex_locker_new (&self->lock);
  if (generation < self->generation)
    return;
  g_set_object (&self->report, report);
  self->generation = generation;
}

/**
 * signet_evolution_part_get_checked:
 * @self: a part
 *
 * Returns: (transfer none): the bytes Signet checked
 */
GBytes *
signet_evolution_part_get_checked (SignetEvolutionPart *self)
{
  g_return_val_if_fail (SIGNET_IS_EVOLUTION_PART (self), NULL);
  return self->checked;
}

/**
 * signet_evolution_part_get_online:
 * @self: a part
 *
 * Returns: whether the first check could use the network
 */
gboolean
signet_evolution_part_get_online (SignetEvolutionPart *self)
{
  g_return_val_if_fail (SIGNET_IS_EVOLUTION_PART (self), FALSE);
  return self->online;
}

/**
 * signet_evolution_part_get_message_id:
 * @self: a part
 *
 * Returns: (transfer none) (nullable): the Message-ID of the enclosing message
 */
const char *
signet_evolution_part_get_message_id (SignetEvolutionPart *self)
{
  g_return_val_if_fail (SIGNET_IS_EVOLUTION_PART (self), NULL);
  return self->message_id;
}

/**
 * signet_evolution_part_get_subject:
 * @self: a part
 *
 * Returns: (transfer none) (nullable): the subject of the enclosing message
 */
const char *
signet_evolution_part_get_subject (SignetEvolutionPart *self)
{
  g_return_val_if_fail (SIGNET_IS_EVOLUTION_PART (self), NULL);
  return self->subject;
}
