-- Verify app-base:schemas/app/types/user_status on pg

BEGIN;

SELECT 'active'::app.user_status;

SELECT 1/count(*)
  FROM pg_catalog.pg_enum
 WHERE enumtypid = 'app.user_status'::regtype
   AND enumlabel = 'suspended';

ROLLBACK;
