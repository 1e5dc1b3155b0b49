-- Verify app-base:schemas/app/tables/users/indexes/email on pg

BEGIN;

SELECT 1/count(*)
  FROM pg_catalog.pg_index i
 WHERE i.indexrelid = 'app.users_email_idx'::regclass
   AND i.indrelid = 'app.users'::regclass
   AND i.indisunique;

ROLLBACK;
