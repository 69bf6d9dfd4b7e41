/* signet-cache-private.h: a small bounded, thread-safe LRU map for the
 * process-wide caches of the verification pipeline.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each cache is a static SignetLru initialised with SIGNET_LRU_INIT. Keys
 * and values are owned by the cache (freed with the given functions).
 * signet_lru_lookup() hands out a copy of the value made under the lock
 * (a reference, a duplicate), so that another thread evicting the entry
 * cannot free it under the caller's feet.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  GMutex lock;
  GHashTable *table; /* key -> GList link in order (data: SignetLruEntry) */
  GQueue order;      /* most recently used first */
  guint max;
  GHashFunc hash;
  GEqualFunc equal;
  GDestroyNotify key_free;
  GDestroyNotify value_free;
  guint64 hits;
  guint64 misses;
  gsize max_cost;   /* 0: entries are bounded by count only */
  gsize total_cost; /* of the entries held */
} SignetLru;

typedef struct
{
  gpointer key;
  gpointer value;
  gsize cost;
} SignetLruEntry;

#define SIGNET_LRU_INIT(max_, hash_, equal_, key_free_, value_free_) \
  { { 0 }, NULL, G_QUEUE_INIT, (max_), (hash_), (equal_), (key_free_), (value_free_), 0, 0, 0, 0 }

/* The same, also bounded by the sum of the entries' costs (see
 * signet_lru_insert_with_cost()). */
#define SIGNET_LRU_INIT_WITH_COST(max_, max_cost_, hash_, equal_, key_free_, value_free_) \
  { { 0 }, NULL, G_QUEUE_INIT, (max_), (hash_), (equal_), (key_free_), (value_free_), 0, 0, (max_cost_), 0 }

static inline void
signet_lru_entry_free (SignetLru *lru, SignetLruEntry *e)
{
  if (lru->key_free != NULL)
    lru->key_free (e->key);
  if (lru->value_free != NULL)
    lru->value_free (e->value);
  g_free (e);
}

/* Returns @copy (value) of the entry for @key (or the value itself when
 * @copy is NULL: only for values that are never freed, such as integers
 * in pointers), NULL when there is none. */
static inline gpointer
signet_lru_lookup (SignetLru *lru, gconstpointer key, gpointer (*copy) (gpointer value))
{
  gpointer out = NULL;
  GList *link;

  g_mutex_lock (&lru->lock);
  link = lru->table != NULL ? g_hash_table_lookup (lru->table, key) : NULL;
  if (link != NULL)
    {
      SignetLruEntry *e = link->data;

      g_queue_unlink (&lru->order, link);
      g_queue_push_head_link (&lru->order, link);
      out = copy != NULL ? copy (e->value) : e->value;
      lru->hits++;
    }
  else
    lru->misses++;
  g_mutex_unlock (&lru->lock);
  return out;
}

/* Adds or replaces the entry for @key; takes ownership of @key and
 * @value. Evicts the least recently used entries beyond the bounds: the
 * number of entries, and for a cache with a cost budget the sum of the
 * entries' @cost (an entry that alone exceeds the budget is freed at
 * once, and the others stay). */
static inline void
signet_lru_insert_with_cost (SignetLru *lru, gpointer key, gpointer value, gsize cost)
{
  SignetLruEntry *e = g_new (SignetLruEntry, 1);
  GList *old;

  e->key = key;
  e->value = value;
  e->cost = cost;
  if (lru->max_cost > 0 && cost > lru->max_cost)
    {
      signet_lru_entry_free (lru, e);
      return;
    }
  g_mutex_lock (&lru->lock);
  if (lru->table == NULL)
    lru->table = g_hash_table_new (lru->hash, lru->equal);
  old = g_hash_table_lookup (lru->table, key);
  if (old != NULL)
    {
      SignetLruEntry *o = old->data;

      g_hash_table_remove (lru->table, o->key);
      g_queue_delete_link (&lru->order, old);
      lru->total_cost -= o->cost;
      signet_lru_entry_free (lru, o);
    }
  g_queue_push_head (&lru->order, e);
  g_hash_table_insert (lru->table, e->key, lru->order.head);
  lru->total_cost += cost;
  while (lru->order.length > lru->max || (lru->max_cost > 0 && lru->total_cost > lru->max_cost))
    {
      SignetLruEntry *victim = g_queue_pop_tail (&lru->order);

      g_hash_table_remove (lru->table, victim->key);
      lru->total_cost -= victim->cost;
      signet_lru_entry_free (lru, victim);
    }
  g_mutex_unlock (&lru->lock);
}

static inline void
signet_lru_insert (SignetLru *lru, gpointer key, gpointer value)
{
  signet_lru_insert_with_cost (lru, key, value, 0);
}

/* Drops every entry. */
static inline void
signet_lru_clear (SignetLru *lru)
{
  SignetLruEntry *e;

  g_mutex_lock (&lru->lock);
  if (lru->table != NULL)
    g_hash_table_remove_all (lru->table);
  while ((e = g_queue_pop_head (&lru->order)) != NULL)
    signet_lru_entry_free (lru, e);
  lru->total_cost = 0;
  g_mutex_unlock (&lru->lock);
}

G_END_DECLS
