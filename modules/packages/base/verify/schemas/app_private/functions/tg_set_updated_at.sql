-- Verify app-base:schemas/app_private/functions/tg_set_updated_at on pg

BEGIN;

SELECT app_private.assert_function('app_private.tg_set_updated_at()');

SELECT 1/count(*)
  FROM pg_catalog.pg_proc
 WHERE oid = 'app_private.tg_set_updated_at()'::regprocedure
   AND prorettype = 'trigger'::regtype;

ROLLBACK;
