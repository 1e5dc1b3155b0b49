-- Deploy app-base:schemas/app/functions/current_user_id to pg
-- requires: schemas/app/schema

BEGIN;

CREATE FUNCTION app.current_user_id()
RETURNS uuid
LANGUAGE sql
STABLE
AS $$
  SELECT nullif(current_setting('jwt.claims.user_id', true), '')::uuid;
$$;

COMMENT ON FUNCTION app.current_user_id() IS
  'The signed-in user, from the jwt.claims.user_id setting; NULL when anonymous';

REVOKE EXECUTE ON FUNCTION app.current_user_id() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.current_user_id() TO authenticated, anonymous;

COMMIT;
