-- Verify app-base:schemas/app_private/schema on pg

BEGIN;

SELECT app_private.assert_schema('app_private');

DO $$
BEGIN
  IF has_schema_privilege('authenticated', 'app_private', 'USAGE') THEN
    RAISE EXCEPTION 'app_private must not be usable by authenticated';
  END IF;
END
$$;

ROLLBACK;
