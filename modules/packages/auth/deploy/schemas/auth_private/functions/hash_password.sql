-- Deploy app-auth:schemas/auth_private/functions/hash_password to pg
-- requires: schemas/auth_private/schema

BEGIN;

-- pgcrypto lives in public (created by pgpm before this module runs).
CREATE FUNCTION auth_private.hash_password(password text)
RETURNS text
LANGUAGE sql
VOLATILE
STRICT
SET search_path = pg_catalog, pg_temp
AS $$
  SELECT public.crypt(password, public.gen_salt('bf', 8));
$$;

REVOKE EXECUTE ON FUNCTION auth_private.hash_password(text) FROM PUBLIC;

COMMIT;
