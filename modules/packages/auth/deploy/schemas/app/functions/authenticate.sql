-- Deploy app-auth:schemas/app/functions/authenticate to pg
-- requires: schemas/app/grants/anonymous_usage
-- requires: schemas/auth_private/tables/credentials
-- requires: schemas/app/types/jwt_token

BEGIN;

-- public stays on the search_path so citext's case-insensitive "=" is found.
CREATE FUNCTION app.authenticate(email text, password text)
RETURNS app.jwt_token
LANGUAGE plpgsql
STRICT
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  account record;
BEGIN
  SELECT u.id, c.password_hash
    INTO account
    FROM app.users AS u
    JOIN auth_private.credentials AS c ON c.user_id = u.id
   WHERE u.email = authenticate.email::public.citext
     AND u.status = 'active';

  IF NOT FOUND OR account.password_hash <> public.crypt(authenticate.password, account.password_hash) THEN
    RETURN NULL;
  END IF;

  RETURN ('authenticated', account.id, extract(epoch FROM now() + interval '1 day')::bigint)::app.jwt_token;
END;
$$;

REVOKE EXECUTE ON FUNCTION app.authenticate(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.authenticate(text, text) TO anonymous, authenticated;

COMMIT;
