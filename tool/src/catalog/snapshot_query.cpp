#include "catalog/snapshot_query.hpp"

namespace pgpm::catalog {

namespace {

// Every kind is a branch of `objects`: (kind, identity, owner, acl, the kind of the owner's
// default acl, entries), entries being the "key: value" lines of what else matters, NULL for what
// does not apply. The final SELECT adds owner and acl and joins the lines.
//
// Identities are made of names (quote_ident, format_type, regclass and regprocedure text), never
// OIDs, so that recreating an object yields the same row. An absent ACL means the owner's default
// privileges, so it reads as acldefault(); ACL items are sorted because their order records the
// order of the GRANTs, not what they grant.
//
// Left out: extensions and their members (pg_depend deptype 'e'), because the run creates the
// extensions a module requires and revert keeps them; system schemas; pgpm_migrate, the run's own
// ledger; and objects made and dropped together with another one (row types of tables, array and
// multirange types, range constructors, internal triggers of foreign keys, views' _RETURN rules),
// which that other object stands for.
constexpr std::string_view kSnapshotQuery = R"sql(
WITH extension_members AS (
    SELECT classid, objid FROM pg_depend WHERE deptype = 'e'
), namespaces AS (
    SELECT n.oid, n.nspname, n.nspowner, n.nspacl
    FROM pg_namespace n
    -- The names starting with pg_ are reserved for the system: pg_catalog, pg_toast, pg_temp_N.
    WHERE n.nspname !~ '^pg_' AND n.nspname NOT IN ('information_schema', 'pgpm_migrate')
      AND NOT EXISTS (SELECT FROM extension_members e
                      WHERE e.classid = 'pg_namespace'::regclass AND e.objid = n.oid)
), relations AS (
    SELECT c.oid, c.relkind, c.relowner, c.relacl, c.relpersistence, c.relrowsecurity,
           c.relforcerowsecurity, c.reloptions, c.relreplident, c.relispartition, c.relpartbound,
           quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name
    FROM pg_class c
    JOIN namespaces n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c')
      AND NOT EXISTS (SELECT FROM extension_members e
                      WHERE (e.classid = 'pg_class'::regclass AND e.objid = c.oid)
                         OR (e.classid = 'pg_type'::regclass AND e.objid = c.reltype))
), types AS (
    SELECT t.oid, t.typtype, t.typowner, t.typacl, t.typinput, t.typoutput, t.typbasetype,
           t.typtypmod, t.typnotnull, t.typdefault,
           quote_ident(n.nspname) || '.' || quote_ident(t.typname) AS name
    FROM pg_type t
    JOIN namespaces n ON n.oid = t.typnamespace
    LEFT JOIN pg_class c ON c.oid = t.typrelid
    WHERE t.typtype IN ('b', 'c', 'd', 'e', 'r')
      AND (t.typtype <> 'c' OR c.relkind = 'c')
      AND NOT EXISTS (SELECT FROM pg_type element WHERE element.typarray = t.oid)
      AND NOT EXISTS (SELECT FROM extension_members e
                      WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid)
), objects (kind, identity, owner, acl, default_acl, entries) AS (
    SELECT 'schema', quote_ident(n.nspname), n.nspowner, n.nspacl, 'n'::"char", NULL::text[]
    FROM namespaces n
UNION ALL
    SELECT CASE r.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'partitioned table'
                          WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
                          WHEN 'S' THEN 'sequence' ELSE 'foreign table' END,
           r.name, r.relowner, r.relacl, CASE r.relkind WHEN 'S' THEN 's' ELSE 'r' END::"char",
           ARRAY[
               CASE WHEN r.relpersistence = 'u' THEN 'unlogged: yes' END,
               CASE WHEN r.relkind IN ('r', 'p') THEN
                   'row level security: ' || CASE WHEN r.relrowsecurity THEN 'on' ELSE 'off' END
               END,
               CASE WHEN r.relkind IN ('r', 'p') THEN
                   'force row level security: '
                       || CASE WHEN r.relforcerowsecurity THEN 'on' ELSE 'off' END
               END,
               CASE WHEN r.relkind IN ('r', 'p') AND r.relreplident <> 'd' THEN
                   'replica identity: ' || CASE r.relreplident WHEN 'n' THEN 'nothing'
                                                               WHEN 'f' THEN 'full'
                                                               ELSE 'index' END
               END,
               'options: ' || array_to_string(r.reloptions, ', '),
               CASE WHEN r.relkind IN ('v', 'm') THEN 'definition: ' || pg_get_viewdef(r.oid) END,
               CASE WHEN r.relkind = 'p' THEN 'partition key: ' || pg_get_partkeydef(r.oid) END,
               'partition of: ' || (SELECT i.inhparent::regclass::text
                                    FROM pg_inherits i
                                    WHERE r.relispartition AND i.inhrelid = r.oid)
                   || ' ' || pg_get_expr(r.relpartbound, r.oid),
               'inherits: ' || (SELECT string_agg(i.inhparent::regclass::text, ', '
                                                  ORDER BY i.inhseqno)
                                FROM pg_inherits i
                                WHERE NOT r.relispartition AND i.inhrelid = r.oid),
               'sequence: ' || (SELECT format('%s start %s increment %s min %s max %s cache %s%s',
                                              format_type(s.seqtypid, NULL), s.seqstart,
                                              s.seqincrement, s.seqmin, s.seqmax, s.seqcache,
                                              CASE WHEN s.seqcycle THEN ' cycle' ELSE '' END)
                                FROM pg_sequence s WHERE s.seqrelid = r.oid),
               -- OWNED BY and identity columns: an 'a' or 'i' dependency on the column.
               'owned by: ' || (SELECT d.refobjid::regclass::text || '.' || quote_ident(a.attname)
                                FROM pg_depend d
                                JOIN pg_attribute a
                                  ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                                WHERE r.relkind = 'S' AND d.classid = 'pg_class'::regclass
                                  AND d.objid = r.oid AND d.deptype IN ('a', 'i')
                                  AND d.refclassid = 'pg_class'::regclass),
               'server: ' || (SELECT quote_ident(s.srvname) || coalesce(
                                         ' options ' || array_to_string(f.ftoptions, ', '), '')
                              FROM pg_foreign_table f
                              JOIN pg_foreign_server s ON s.oid = f.ftserver
                              WHERE f.ftrelid = r.oid)
           ]
    FROM relations r
    -- A composite type's relation shows as its type, below.
    WHERE r.relkind <> 'c'
UNION ALL
    SELECT 'column', r.name || '.' || quote_ident(a.attname), NULL, a.attacl, NULL,
           ARRAY[
               -- Counted among the live columns: a dropped one leaves a gap in attnum.
               'position: ' || row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum),
               'type: ' || format_type(a.atttypid, a.atttypmod),
               'not null: ' || CASE WHEN a.attnotnull THEN 'yes' ELSE 'no' END,
               CASE WHEN a.attgenerated = 's' THEN 'generated: ' ELSE 'default: ' END
                   || pg_get_expr(d.adbin, d.adrelid),
               'identity: ' || CASE a.attidentity WHEN 'a' THEN 'always'
                                                  WHEN 'd' THEN 'by default' END,
               'collation: ' || (SELECT quote_ident(n.nspname) || '.' || quote_ident(c.collname)
                                 FROM pg_collation c
                                 JOIN pg_namespace n ON n.oid = c.collnamespace
                                 WHERE c.oid = a.attcollation
                                   AND a.attcollation <> t.typcollation),
               'storage: ' || CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage::text END
           ]
    FROM relations r
    JOIN pg_attribute a ON a.attrelid = r.oid
    JOIN pg_type t ON t.oid = a.atttypid
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    -- A sequence's columns hold its state, which its parameters above describe.
    WHERE r.relkind <> 'S' AND a.attnum > 0 AND NOT a.attisdropped
UNION ALL
    SELECT 'constraint', r.name || ': ' || quote_ident(k.conname), NULL, NULL, NULL,
           ARRAY['definition: ' || pg_get_constraintdef(k.oid)]
    FROM relations r
    JOIN pg_constraint k ON k.conrelid = r.oid
UNION ALL
    SELECT 'constraint', t.name || ': ' || quote_ident(k.conname), NULL, NULL, NULL,
           ARRAY['definition: ' || pg_get_constraintdef(k.oid)]
    FROM types t
    JOIN pg_constraint k ON k.contypid = t.oid
UNION ALL
    SELECT 'index', quote_ident(n.nspname) || '.' || quote_ident(c.relname), NULL, NULL, NULL,
           ARRAY['definition: ' || pg_get_indexdef(i.indexrelid),
                 CASE WHEN i.indisclustered THEN 'clustered: yes' END,
                 CASE WHEN NOT i.indisvalid THEN 'valid: no' END,
                 CASE WHEN i.indisreplident THEN 'replica identity: yes' END]
    FROM relations r
    JOIN pg_index i ON i.indrelid = r.oid
    JOIN pg_class c ON c.oid = i.indexrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
UNION ALL
    SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate'
                          ELSE 'function' END,
           quote_ident(n.nspname) || '.' || quote_ident(p.proname)
               || '(' || oidvectortypes(p.proargtypes) || ')',
           p.proowner, p.proacl, 'f',
           ARRAY[
               -- pg_get_functiondef refuses aggregates.
               CASE WHEN p.prokind = 'a' THEN
                   'arguments: ' || pg_get_function_arguments(p.oid)
               ELSE
                   'definition: ' || pg_get_functiondef(p.oid)
               END,
               'aggregate: ' || (SELECT concat_ws(' ', 'state', g.aggtransfn::text,
                                                  format_type(g.aggtranstype, NULL),
                                                  'final ' || NULLIF(g.aggfinalfn::text, '-'),
                                                  'combine ' || NULLIF(g.aggcombinefn::text, '-'),
                                                  'initial ' || g.agginitval,
                                                  'kind ' || g.aggkind::text)
                                 FROM pg_aggregate g WHERE g.aggfnoid = p.oid)
           ]
    FROM pg_proc p
    JOIN namespaces n ON n.oid = p.pronamespace
    WHERE NOT EXISTS (SELECT FROM extension_members e
                      WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid)
      AND NOT EXISTS (SELECT FROM pg_depend d
                      WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                        AND d.deptype = 'i')
UNION ALL
    SELECT 'type', t.name, t.typowner, t.typacl, 'T',
           ARRAY[
               CASE t.typtype WHEN 'c' THEN 'composite: yes'
                              WHEN 'b' THEN 'base: input ' || t.typinput::text
                                                || ' output ' || t.typoutput::text
               END,
               'labels: ' || (SELECT string_agg(quote_literal(l.enumlabel), ', '
                                                ORDER BY l.enumsortorder)
                              FROM pg_enum l WHERE l.enumtypid = t.oid),
               CASE WHEN t.typtype = 'd' THEN
                   'domain over: ' || format_type(t.typbasetype, t.typtypmod)
               END,
               CASE WHEN t.typtype = 'd' THEN
                   'not null: ' || CASE WHEN t.typnotnull THEN 'yes' ELSE 'no' END
               END,
               'default: ' || t.typdefault,
               'range over: ' || (SELECT concat_ws(' ', format_type(g.rngsubtype, NULL),
                                      'multirange ' || format_type(g.rngmultitypid, NULL),
                                      'opclass ' || (SELECT quote_ident(n.nspname) || '.'
                                                                || quote_ident(c.opcname)
                                                     FROM pg_opclass c
                                                     JOIN pg_namespace n
                                                       ON n.oid = c.opcnamespace
                                                     WHERE c.oid = g.rngsubopc),
                                      'canonical ' || NULLIF(g.rngcanonical::text, '-'),
                                      'subdiff ' || NULLIF(g.rngsubdiff::text, '-'))
                                  FROM pg_range g WHERE g.rngtypid = t.oid)
           ]
    FROM types t
UNION ALL
    SELECT 'policy', quote_ident(p.polname) || ' on ' || r.name, NULL, NULL, NULL,
           ARRAY['command: ' || CASE p.polcmd WHEN 'r' THEN 'select' WHEN 'a' THEN 'insert'
                                              WHEN 'w' THEN 'update' WHEN 'd' THEN 'delete'
                                              ELSE 'all' END,
                 'permissive: ' || CASE WHEN p.polpermissive THEN 'yes' ELSE 'no' END,
                 -- Role 0 is PUBLIC.
                 'roles: ' || (SELECT string_agg(name, ', ' ORDER BY name)
                               FROM (SELECT CASE WHEN role = 0 THEN 'public'
                                            ELSE quote_ident(pg_get_userbyid(role)) END
                                     FROM unnest(p.polroles) role) roles (name)),
                 'using: ' || pg_get_expr(p.polqual, p.polrelid),
                 'with check: ' || pg_get_expr(p.polwithcheck, p.polrelid)]
    FROM relations r
    JOIN pg_policy p ON p.polrelid = r.oid
UNION ALL
    SELECT 'trigger', quote_ident(g.tgname) || ' on ' || r.name, NULL, NULL, NULL,
           ARRAY['definition: ' || pg_get_triggerdef(g.oid),
                 'enabled: ' || CASE g.tgenabled WHEN 'D' THEN 'disabled' WHEN 'R' THEN 'replica'
                                                 WHEN 'A' THEN 'always' END]
    FROM relations r
    JOIN pg_trigger g ON g.tgrelid = r.oid
    WHERE NOT g.tgisinternal
UNION ALL
    SELECT 'rule', quote_ident(w.rulename) || ' on ' || r.name, NULL, NULL, NULL,
           ARRAY['definition: ' || pg_get_ruledef(w.oid),
                 'enabled: ' || CASE w.ev_enabled WHEN 'D' THEN 'disabled' WHEN 'R' THEN 'replica'
                                                  WHEN 'A' THEN 'always' END]
    FROM relations r
    JOIN pg_rewrite w ON w.ev_class = r.oid
    WHERE w.rulename <> '_RETURN'
UNION ALL
    SELECT 'event trigger', quote_ident(v.evtname), v.evtowner, NULL, NULL,
           ARRAY['event: ' || v.evtevent,
                 'tags: ' || array_to_string(v.evttags, ', '),
                 'function: ' || v.evtfoid::regprocedure::text,
                 'enabled: ' || CASE v.evtenabled WHEN 'O' THEN 'origin' WHEN 'D' THEN 'disabled'
                                                  WHEN 'R' THEN 'replica' ELSE 'always' END]
    FROM pg_event_trigger v
    WHERE NOT EXISTS (SELECT FROM extension_members e
                      WHERE e.classid = 'pg_event_trigger'::regclass AND e.objid = v.oid)
UNION ALL
    -- No default acl to fall back on: a row equal to the built-in defaults is deleted.
    SELECT 'default privileges',
           'for role ' || quote_ident(pg_get_userbyid(a.defaclrole))
               || coalesce(' in schema ' || quote_ident(n.nspname), '')
               || ' on ' || CASE a.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences'
                                                 WHEN 'f' THEN 'functions' WHEN 'T' THEN 'types'
                                                 ELSE 'schemas' END,
           NULL, a.defaclacl, NULL, NULL
    FROM pg_default_acl a
    LEFT JOIN namespaces n ON n.oid = a.defaclnamespace
    -- 0 is every schema; another schema must be one of ours.
    WHERE a.defaclnamespace = 0 OR n.oid IS NOT NULL
)
SELECT o.kind, o.identity,
       array_to_string(ARRAY(
           SELECT replace(replace(entry, '\', '\\'), E'\n', '\n')
           FROM unnest(ARRAY[
                    'owner: ' || pg_get_userbyid(o.owner),
                    'acl: ' || (SELECT string_agg(item::text, ', ' ORDER BY item::text)
                                FROM unnest(coalesce(o.acl, acldefault(o.default_acl, o.owner)))
                                     item)
                ] || o.entries) entry), E'\n')
FROM objects o
)sql";

}  // namespace

std::string_view snapshot_query() {
    return kSnapshotQuery;
}

}  // namespace pgpm::catalog
