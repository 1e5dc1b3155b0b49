-- Verify app-base:schemas/app/tables/users/triggers/set_updated_at on pg

BEGIN;

SELECT 1/count(*)
  FROM pg_catalog.pg_trigger
 WHERE tgrelid = 'app.users'::regclass
   AND tgname = 'set_updated_at'
   AND tgfoid = 'app_private.tg_set_updated_at()'::regprocedure
   AND NOT tgisinternal;

ROLLBACK;
