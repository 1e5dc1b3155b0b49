-- Verify app-base:schemas/app/schema on pg

BEGIN;

SELECT app_private.assert_schema('app');

SELECT 1/count(*)
  FROM pg_catalog.pg_default_acl
 WHERE defaclnamespace = 'app'::regnamespace
   AND defaclobjtype = 'r';

DO $$
BEGIN
  IF NOT has_schema_privilege('authenticated', 'app', 'USAGE') THEN
    RAISE EXCEPTION 'authenticated has no USAGE on schema app';
  END IF;
END
$$;

ROLLBACK;
