-- Verify app-auth:schemas/auth_private/schema on pg

BEGIN;

SELECT app_private.assert_schema('auth_private');

DO $$
BEGIN
  IF has_schema_privilege('anonymous', 'auth_private', 'USAGE')
     OR has_schema_privilege('authenticated', 'auth_private', 'USAGE') THEN
    RAISE EXCEPTION 'auth_private must not be reachable by API roles';
  END IF;
END
$$;

ROLLBACK;
