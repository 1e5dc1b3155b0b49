-- Verify app-base:schemas/app/functions/current_user_id on pg

BEGIN;

SELECT app_private.assert_function('app.current_user_id()');

DO $$
BEGIN
  IF NOT has_function_privilege('authenticated', 'app.current_user_id()', 'EXECUTE') THEN
    RAISE EXCEPTION 'authenticated cannot execute app.current_user_id()';
  END IF;

  PERFORM set_config('jwt.claims.user_id', '8d1f7c36-1d5e-4c3a-9a55-2f1b0c9e4a10', true);
  IF app.current_user_id() IS DISTINCT FROM '8d1f7c36-1d5e-4c3a-9a55-2f1b0c9e4a10'::uuid THEN
    RAISE EXCEPTION 'app.current_user_id() does not read jwt.claims.user_id';
  END IF;
END
$$;

ROLLBACK;
