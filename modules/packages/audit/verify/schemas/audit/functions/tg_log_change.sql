-- Verify app-audit:schemas/audit/functions/tg_log_change on pg

BEGIN;

SELECT 1/count(*)
  FROM pg_catalog.pg_proc
 WHERE oid = 'audit.tg_log_change()'::regprocedure
   AND prosecdef
   AND 'search_path=pg_catalog, pg_temp' = ANY (proconfig);

ROLLBACK;
