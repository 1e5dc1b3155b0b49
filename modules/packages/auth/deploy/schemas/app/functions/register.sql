-- Deploy app-auth:schemas/app/functions/register to pg
-- requires: schemas/app/grants/anonymous_usage
-- requires: schemas/auth_private/tables/credentials
-- requires: schemas/auth_private/functions/hash_password

BEGIN;

CREATE FUNCTION app.register(email text, password text, display_name text DEFAULT NULL)
RETURNS app.users
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  new_user app.users;
BEGIN
  IF char_length(register.password) < 8 THEN
    RAISE EXCEPTION 'password must have at least 8 characters' USING ERRCODE = 'invalid_parameter_value';
  END IF;

  INSERT INTO app.users (email, display_name, status)
  VALUES (register.email, register.display_name, 'active')
  RETURNING * INTO new_user;

  INSERT INTO auth_private.credentials (user_id, password_hash)
  VALUES (new_user.id, auth_private.hash_password(register.password));

  RETURN new_user;
END;
$$;

REVOKE EXECUTE ON FUNCTION app.register(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.register(text, text, text) TO anonymous;

COMMIT;
